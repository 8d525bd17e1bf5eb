/** Every command the extension contributes; package.json lists the same ids. */
export const CommandId = {
  OpenAsArticle: 'arabicNewsAnnotator.openAsArticle',
  ExportAnnotations: 'arabicNewsAnnotator.exportAnnotations',
  ExportWorkspaceAnnotations: 'arabicNewsAnnotator.exportWorkspaceAnnotations',
  TagEntity: 'arabicNewsAnnotator.tagEntity',
  TagQuotation: 'arabicNewsAnnotator.tagQuotation',
  ResolveBrokenSidecar: 'arabicNewsAnnotator.resolveBrokenSidecar',
  ReloadAnnotations: 'arabicNewsAnnotator.reloadAnnotations',
} as const;

export type CommandId = (typeof CommandId)[keyof typeof CommandId];
