export default ["packages/*", "tests/packed", "scaling"]
