// The build shared by every package: see ../../tsup.config.base.ts
export { default } from "../../tsup.config.base.js"
