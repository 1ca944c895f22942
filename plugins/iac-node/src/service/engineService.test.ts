import { ConfigReader, JsonValue } from '@backstage/config';
import {
  DEFAULT_TEMPLATE_SOURCE_REFRESH_SECONDS,
  readTemplateSources,
} from './engineService';

const sources = (templateSources: JsonValue) =>
  readTemplateSources(new ConfigReader({ iac: { templateSources } }));

describe('iac.templateSources', () => {
  it('reads each URL with its refresh (default 30 minutes)', () => {
    expect(
      sources([
        { url: 'https://github.com/acme/trees/tree/main/iac' },
        {
          url: 'https://gitlab.com/acme/trees/-/tree/main',
          refresh: { minutes: 5 },
        },
        {
          url: 'https://gitea.example.com/acme/t/src/branch/main',
          refresh: 'PT1H',
        },
      ]),
    ).toEqual([
      {
        url: 'https://github.com/acme/trees/tree/main/iac',
        refreshSeconds: DEFAULT_TEMPLATE_SOURCE_REFRESH_SECONDS,
      },
      { url: 'https://gitlab.com/acme/trees/-/tree/main', refreshSeconds: 300 },
      {
        url: 'https://gitea.example.com/acme/t/src/branch/main',
        refreshSeconds: 3600,
      },
    ]);
    expect(readTemplateSources(new ConfigReader({}))).toEqual([]);
  });

  it('names the key of a wrong entry', () => {
    expect(() => sources([{ url: 'not a url' }])).toThrow(
      "Invalid URL in config key 'iac.templateSources[0].url': not a url",
    );
    expect(() => sources([{ refresh: { minutes: 5 } }])).toThrow(
      /iac\.templateSources\[0\]\.url/,
    );
    expect(() =>
      sources([{ url: 'https://github.com/a/b', refresh: { minutes: 0 } }]),
    ).toThrow(
      "Invalid duration in config key 'iac.templateSources[0].refresh': at least one second",
    );
  });
});
