import React from 'react';
import { configure, render } from '@testing-library/react';
import type { SceneObject } from '@grafana/scenes';
import { MemoryRouter } from 'react-router-dom';

// A page evaluates every SLO in the browser once its queries answer: on a busy CI runner that takes
// longer than Testing Library's default one-second wait, and the tests then failed for want of time.
configure({ asyncUtilTimeout: 10_000 });

/** Renders a scene the way Grafana hosts an app page: inside a router, so links can resolve. */
export function renderScene(scene: SceneObject) {
  return render(
    <MemoryRouter future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <scene.Component model={scene} />
    </MemoryRouter>
  );
}
