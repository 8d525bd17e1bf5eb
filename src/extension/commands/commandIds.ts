/** Every command the extension contributes; package.json lists the same ids. */
export const CommandId = {
  OpenAsArticle: 'arabicNewsAnnotator.openAsArticle',
  ExportAnnotations: 'arabicNewsAnnotator.exportAnnotations',
  ExportWorkspaceAnnotations: 'arabicNewsAnnotator.exportWorkspaceAnnotations',
  TagEntity: 'arabicNewsAnnotator.tagEntity',
  TagQuotation: 'arabicNewsAnnotator.tagQuotation',
  PickLabel: 'arabicNewsAnnotator.pickLabel',
  RemoveAnnotation: 'arabicNewsAnnotator.removeAnnotation',
  ChangeLabel: 'arabicNewsAnnotator.changeLabel',
  ResizeAnnotation: 'arabicNewsAnnotator.resizeAnnotation',
  NextAnnotation: 'arabicNewsAnnotator.nextAnnotation',
  PreviousAnnotation: 'arabicNewsAnnotator.previousAnnotation',
  SetSpeaker: 'arabicNewsAnnotator.setSpeaker',
  SetCue: 'arabicNewsAnnotator.setCue',
  UndoAnnotation: 'arabicNewsAnnotator.undoAnnotation',
  RedoAnnotation: 'arabicNewsAnnotator.redoAnnotation',
  MarkDone: 'arabicNewsAnnotator.markDone',
  ToggleTaggingMode: 'arabicNewsAnnotator.toggleTaggingMode',
  KeyPress: 'arabicNewsAnnotator.keyPress',
  AcceptSuggestion: 'arabicNewsAnnotator.acceptSuggestion',
  RejectSuggestion: 'arabicNewsAnnotator.rejectSuggestion',
  ReviewSuggestions: 'arabicNewsAnnotator.reviewSuggestions',
  TagAllOccurrences: 'arabicNewsAnnotator.tagAllOccurrences',
  ResolveBrokenSidecar: 'arabicNewsAnnotator.resolveBrokenSidecar',
  ReloadAnnotations: 'arabicNewsAnnotator.reloadAnnotations',
} as const;

export type CommandId = (typeof CommandId)[keyof typeof CommandId];
