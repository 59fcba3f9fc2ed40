export * from "./api.js";
export * from "./protocol.js";
