// One sidecar per article, beside it: `<article file name>.ann.yaml`. Plain string operations so
// that they work alike on file-system paths and URI paths.

export const SIDECAR_SUFFIX = '.ann.yaml';

/** True when the path names a sidecar (ends in `.ann.yaml`). */
export function isSidecarPath(path: string): boolean {
  return path.endsWith(SIDECAR_SUFFIX) && path.length > SIDECAR_SUFFIX.length;
}

/** `dir/000_x.txt` → `dir/000_x.txt.ann.yaml`. */
export function sidecarPathFor(articlePath: string): string {
  if (isSidecarPath(articlePath)) {
    throw new Error(`${articlePath} is itself a sidecar; pass the article's path (without ${SIDECAR_SUFFIX}) to get its sidecar.`);
  }
  return articlePath + SIDECAR_SUFFIX;
}

/** `dir/000_x.txt.ann.yaml` → `dir/000_x.txt`. */
export function articlePathFor(sidecarPath: string): string {
  if (!isSidecarPath(sidecarPath)) {
    throw new Error(`${sidecarPath} is not a sidecar path: sidecars are named <article file name>${SIDECAR_SUFFIX}.`);
  }
  return sidecarPath.slice(0, -SIDECAR_SUFFIX.length);
}
