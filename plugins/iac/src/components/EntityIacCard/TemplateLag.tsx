import { useEffect, useState } from 'react';
import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Typography from '@material-ui/core/Typography';
import {
  templateLag,
  UPGRADE_TEMPLATE_NAME,
} from '@iacforge/plugin-iac-common';
import { iacApiRef } from '../../api/IacApi';
import type { TemplateSummary } from '../../api/types';
import type { TemplateRef } from '../../lib/entity';

type EntityLike = {
  kind: string;
  metadata: { name: string; namespace?: string };
};

/**
 * The upgrade Template, prefilled: the component and the recorded values of
 * its optional fields. `/create` is the scaffolder's default mount point.
 */
export function upgradeLink(
  entity: EntityLike,
  form: Record<string, string | number> = {},
): string {
  const ref = `${entity.kind.toLowerCase()}:${
    entity.metadata.namespace ?? 'default'
  }/${entity.metadata.name}`;
  const formData = JSON.stringify({ component: ref, ...form });
  return `/create/templates/default/${UPGRADE_TEMPLATE_NAME}?formData=${encodeURIComponent(
    formData,
  )}`;
}

/**
 * Template lag: each recorded template with a newer installed version
 * (`aws-eks 1.0.0 → 1.2.0`, SemVer), and the link to the upgrade Template.
 */
export function TemplateLag(props: {
  entity: EntityLike;
  templates: TemplateRef[];
  form?: Record<string, string | number>;
}) {
  const api = useApi(iacApiRef);
  const [available, setAvailable] = useState<TemplateSummary[] | undefined>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    api
      .listTemplates({ signal: controller.signal })
      .then(list => {
        if (!controller.signal.aborted) setAvailable(list);
      })
      .catch(() => {
        if (!controller.signal.aborted) setFailed(true);
      });
    return () => controller.abort();
  }, [api]);

  if (failed || !props.templates.some(t => t.version)) return null;
  if (!available) {
    return (
      <Typography variant="body2" color="textSecondary">
        Checking for newer template versions…
      </Typography>
    );
  }
  const lag = templateLag(props.templates, available);
  const link = upgradeLink(props.entity, props.form);
  if (!lag.length) {
    return (
      <Typography variant="body2" aria-label="Template versions">
        Up to date with the installed templates.{' '}
        <Link to={link}>Change answers</Link>
      </Typography>
    );
  }
  return (
    <Typography variant="body2" component="div" aria-label="Template lag">
      <ul style={{ margin: 0, paddingLeft: 16 }}>
        {lag.map(l => (
          <li key={`${l.kind}/${l.name}`}>
            <code>
              {l.name} {l.from} → {l.to}
            </code>
          </li>
        ))}
      </ul>
      <Link to={link}>Upgrade</Link>
    </Typography>
  );
}
