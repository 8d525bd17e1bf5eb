// The sidecar's public API in one place: callers import from here, not from the parts.
export { articlePathFor, isSidecarPath, SIDECAR_SUFFIX, sidecarPathFor } from './sidecarPaths';
export {
  formatSidecarProblem, MAX_ALIAS_COUNT, MAX_SIDECAR_BYTES, SIDECAR_OFFSET_UNIT, SIDECAR_SCHEMA, SIDECAR_SCHEMA_VERSION,
  type SidecarProblem, type SidecarSeverity,
} from './sidecarFormat';
export { parseSidecar, type SidecarLoad, type SidecarParseOptions } from './sidecarParse';
export { serializeSidecar } from './sidecarWrite';
