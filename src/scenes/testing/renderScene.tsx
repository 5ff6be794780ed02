import React from 'react';
import { render } from '@testing-library/react';
import type { SceneObject } from '@grafana/scenes';
import { MemoryRouter } from 'react-router-dom';

/** Renders a scene the way Grafana hosts an app page: inside a router, so links can resolve. */
export function renderScene(scene: SceneObject) {
  return render(
    <MemoryRouter future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <scene.Component model={scene} />
    </MemoryRouter>
  );
}
