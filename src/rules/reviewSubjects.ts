/* The subjects a review can have: what `subject_kind` and `subject_name` say was reviewed. */
import type { ReviewSubjectKind } from '../semconv/values.js';

export interface ReviewSubject {
  subjectKind: ReviewSubjectKind;
  subjectName: string;
}

export const SUBJECT_COMMAND: ReviewSubject = {
  subjectKind: 'command_execution',
  subjectName: 'command_execution',
};
export const SUBJECT_NETWORK: ReviewSubject = {
  subjectKind: 'network_access',
  subjectName: 'network_access',
};
export const SUBJECT_FILE_CHANGE: ReviewSubject = {
  subjectKind: 'file_change',
  subjectName: 'apply_patch',
};
export const SUBJECT_PERMISSIONS: ReviewSubject = {
  subjectKind: 'permissions',
  subjectName: 'permissions',
};

