/**
 * @module iam-edge/wasm
 * `import wasm from "./engine.wasm"` in the workerd entry: Workers' module rules make a `.wasm`
 * import a compiled `WebAssembly.Module`.
 */
declare module "*.wasm" {
  const module: WebAssembly.Module;
  export default module;
}
