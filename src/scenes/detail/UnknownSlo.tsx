import React from 'react';
import { SceneObjectBase, type SceneComponentProps, type SceneObjectState } from '@grafana/scenes';
import { EmptyState, TextLink } from '@grafana/ui';
import { type SpecProblem, formatProblem } from '../../domain';
import { overviewLink } from '../links';

interface State extends SceneObjectState {
  sloId: string;
  problems: SpecProblem[];
}

/** A link to an SLO that is not (or no longer validly) configured: say which, and why if we know. */
export class UnknownSlo extends SceneObjectBase<State> {
  static Component = ({ model }: SceneComponentProps<UnknownSlo>) => {
    const { sloId, problems } = model.useState();
    const errors = problems.filter((problem) => problem.severity === 'error');
    return (
      <EmptyState variant="not-found" message={`No valid SLO with id "${sloId}"`}>
        {errors.length > 0 && (
          <>
            <p>The configuration has problems; one of them may be this SLO:</p>
            <ul>
              {errors.map((problem, index) => (
                <li key={index}>
                  <code>{formatProblem(problem)}</code>
                </li>
              ))}
            </ul>
          </>
        )}
        <TextLink href={overviewLink()}>Back to all SLOs</TextLink>
      </EmptyState>
    );
  };
}
