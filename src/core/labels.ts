// Entity labels. Later versions read a team's own label table; these are the defaults.

export interface LabelDefinition {
  id: string;
  name: string;
}

export const DEFAULT_LABELS: readonly LabelDefinition[] = [
  { id: 'PER', name: 'Person' },
  { id: 'ORG', name: 'Organisation' },
  { id: 'LOC', name: 'Location' },
  { id: 'MISC', name: 'Miscellaneous' },
];

export const DEFAULT_LABEL_IDS: readonly string[] = DEFAULT_LABELS.map((l) => l.id);
