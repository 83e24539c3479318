export default ["packages/*", "tests/packed"]
