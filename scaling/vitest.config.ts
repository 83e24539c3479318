import { project } from "../vitest.shared.js"

export default project("scaling", { testTimeout: 600_000 })
