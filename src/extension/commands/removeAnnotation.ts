import type { Container } from '../container';
import { AnnotationArg, annotationTarget } from './annotationTarget';

/** Removes the annotation at the caret; a removed entity also leaves the speakers it named. */
export async function removeAnnotation(container: Container, arg?: AnnotationArg): Promise<string | undefined> {
  const target = annotationTarget(container, arg);
  if (!target) return undefined;
  const { id } = target.ref.annotation;
  const ok = await container.store.mutate(target.editor.document, (set) => {
    set.entities = set.entities.filter((e) => e.id !== id);
    set.quotations = set.quotations.filter((q) => q.id !== id);
    for (const speaker of set.speakers) speaker.mentions = speaker.mentions.filter((m) => m !== id);
  });
  return ok ? id : undefined;
}
