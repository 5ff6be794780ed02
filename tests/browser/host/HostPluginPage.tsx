import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2, NavModelItem } from '@grafana/data';
import type { PluginPageProps } from '@grafana/runtime';
import { Tab, TabsBar, useStyles2 } from '@grafana/ui';

/**
 * Grafana's page chrome for app pages, reduced to what a user reads and clicks: the breadcrumbs
 * (parent pages, with the URL state Scenes keeps in their links), the title and subtitle, the tabs
 * and the page actions. @grafana/runtime's own PluginPage outside Grafana renders the children only.
 */
export function HostPluginPage({ pageNav, subTitle, actions, renderTitle, children }: PluginPageProps) {
  const styles = useStyles2(getStyles);
  const trail = pageNav ? breadcrumbTrail(pageNav) : [];
  const title = pageNav?.text ?? '';
  return (
    <div className={styles.page}>
      <nav aria-label="Breadcrumbs" className={styles.breadcrumbs}>
        <ol>
          <li>
            <span>SLO Burn</span>
          </li>
          {trail.map((item, index) => (
            <li key={`${index}-${item.text}`}>
              {index < trail.length - 1 && item.url ? (
                <a href={item.url}>{item.text}</a>
              ) : (
                <span aria-current="page">{item.text}</span>
              )}
            </li>
          ))}
        </ol>
      </nav>
      <header className={styles.header}>
        <div>
          {renderTitle ? renderTitle(title) : <h1 className={styles.title}>{title}</h1>}
          {subTitle && <div className={styles.subTitle}>{subTitle}</div>}
        </div>
        {actions && <div className={styles.actions}>{actions}</div>}
      </header>
      {pageNav?.children && pageNav.children.length > 0 && (
        <TabsBar className={styles.tabs}>
          {pageNav.children.map((tab) => (
            <Tab key={tab.text} label={tab.text} active={tab.active} href={tab.url} />
          ))}
        </TabsBar>
      )}
      <main className={styles.body}>{children}</main>
    </div>
  );
}

/** Root first; pages hidden from breadcrumbs left out. */
function breadcrumbTrail(item: NavModelItem): NavModelItem[] {
  const trail: NavModelItem[] = [];
  for (let current: NavModelItem | undefined = item; current; current = current.parentItem) {
    if (!current.hideFromBreadcrumbs) {
      trail.unshift(current);
    }
  }
  return trail;
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(2),
    padding: theme.spacing(2, 3),
    minHeight: '100vh',
    background: theme.colors.background.canvas,
  }),
  breadcrumbs: css({
    ol: { display: 'flex', listStyle: 'none', margin: 0, padding: 0, gap: theme.spacing(1) },
    'li + li::before': { content: '"›"', marginRight: theme.spacing(1), color: theme.colors.text.secondary },
    a: { color: theme.colors.text.link },
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  header: css({ display: 'flex', justifyContent: 'space-between', alignItems: 'flex-start', gap: theme.spacing(2) }),
  title: css({ margin: 0, fontSize: theme.typography.h2.fontSize }),
  subTitle: css({ color: theme.colors.text.secondary, marginTop: theme.spacing(0.5) }),
  actions: css({ display: 'flex', gap: theme.spacing(1) }),
  tabs: css({ marginBottom: theme.spacing(1) }),
  body: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2) }),
});
