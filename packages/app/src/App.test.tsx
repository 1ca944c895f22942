import { render, screen } from '@testing-library/react';
import App from './App';

describe('App', () => {
  const originalEnv = process.env;
  afterEach(() => {
    process.env = originalEnv;
  });

  it('renders the sign-in page under the configured title', async () => {
    process.env = {
      ...originalEnv,
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'IaC Forge under test' },
            backend: { baseUrl: 'http://localhost:7007' },
            techdocs: {
              storageUrl: 'http://localhost:7007/api/techdocs/static/docs',
            },
          },
          context: 'test',
        },
      ] as any,
    };

    render(App.createRoot());

    // the title comes from the config above: the config was read and the
    // app shell (page + header) rendered
    expect(
      await screen.findByRole(
        'heading',
        { level: 1, name: 'IaC Forge under test' },
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    // the guest sign-in card with its button
    expect(screen.getByText('Guest')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Enter' })).toBeEnabled();
  });
});
