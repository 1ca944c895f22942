/*
 * iacforge: the engine on the command line, for platform teams testing their
 * template folders before registering them.
 *
 *   iacforge templates              list template trees
 *   iacforge schema <name>          print a payload JSON Schema
 *   iacforge render <payload> -o d  write the generated files into a folder
 *   iacforge zip <payload> -o f     write them as a ZIP
 *   iacforge validate <dir>         run the output checks on a folder
 *   iacforge upgrade <repo-dir>     upgrade a generated repository (a branch)
 *
 * Exit codes: 0 success; 1 invalid payload or failed checks; 2 usage or I/O error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import {
  formatIssues,
  formatTemplateRef,
  getJsonSchema,
  isSchemaName,
  SCHEMA_NAMES,
} from '@iacforge/plugin-iac-common';
import {
  createZip,
  defaultTemplateRoots,
  GENERATE_KINDS,
  GenerateKind,
  IacEngine,
  TemplateLoadError,
  TemplateRenderError,
  writeFiles,
} from '@iacforge/plugin-iac-node';
import {
  checkDirectory,
  formatFindings,
  imageWarningsInDirectory,
} from '@iacforge/output-checks';
import { CliError } from './errors';
import { upgradeCommand } from './upgrade';

export type CliIO = {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  /** Standard input, read when the payload argument is "-". */
  stdin?: () => Promise<string>;
};

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const resolve = (p: string) => path.resolve(io.cwd, p);

  const engineFor = (roots: string[] | undefined): IacEngine => {
    const dirs = roots?.length
      ? roots.map(resolve)
      : defaultTemplateRoots(io.cwd);
    if (dirs.length === 0) {
      throw new CliError('No template roots: pass --roots <dir>', 2);
    }
    for (const dir of dirs) {
      if (!fs.existsSync(dir)) {
        throw new CliError(`Template root ${dir} does not exist`, 2);
      }
    }
    return IacEngine.fromRoots(dirs);
  };

  const readPayload = async (file: string): Promise<unknown> => {
    let text: string;
    try {
      text =
        file === '-'
          ? await (io.stdin ?? readStdin)()
          : fs.readFileSync(resolve(file), 'utf8');
    } catch (error) {
      throw new CliError(
        `Cannot read payload ${file}: ${(error as Error).message}`,
        2,
      );
    }
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new CliError(
        `Payload ${file} is not valid JSON: ${(error as Error).message}`,
        2,
      );
    }
  };

  const kindOption = (value: string): GenerateKind => {
    if (!(GENERATE_KINDS as readonly string[]).includes(value)) {
      throw new CliError(
        `--kind must be one of ${GENERATE_KINDS.join(', ')}, got "${value}"`,
        2,
      );
    }
    return value as GenerateKind;
  };

  const generate = async (
    payloadFile: string,
    opts: { kind: string; roots?: string[] },
  ) => {
    const engine = engineFor(opts.roots);
    const outcome = engine.generate(
      kindOption(opts.kind),
      await readPayload(payloadFile),
    );
    if (!outcome.ok) {
      throw new CliError(formatIssues(outcome.issues), 1);
    }
    return outcome;
  };

  const program = new Command('iacforge')
    .description(
      "Render, package and validate IaC Forge templates with the portal's engine.",
    )
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError();

  const rootsOption = [
    '--roots <dirs...>',
    'template roots (default: the nearest templates/iac above the working directory, else the trees shipped in @iacforge/plugin-iac-templates)',
  ] as const;

  program
    .command('templates')
    .description('list the template trees')
    .option(...rootsOption)
    .option('--json', 'print JSON')
    .action((opts: { roots?: string[]; json?: boolean }) => {
      const templates = engineFor(opts.roots).templates();
      if (opts.json) {
        io.stdout(`${JSON.stringify(templates, null, 2)}\n`);
        return;
      }
      for (const t of templates) {
        io.stdout(
          `${t.kind.padEnd(10)} ${t.name.padEnd(20)} ${t.version.padEnd(
            8,
          )} ${t.clouds.join(',').padEnd(15)} ${t.description}\n`,
        );
      }
    });

  program
    .command('schema <name>')
    .description(
      `print the JSON Schema of a payload (${SCHEMA_NAMES.join(', ')})`,
    )
    .action((name: string) => {
      if (!isSchemaName(name)) {
        throw new CliError(
          `Unknown schema "${name}"; use one of ${SCHEMA_NAMES.join(', ')}`,
          2,
        );
      }
      io.stdout(`${JSON.stringify(getJsonSchema(name), null, 2)}\n`);
    });

  program
    .command('render <payload>')
    .description('render a payload (JSON file, or - for stdin) into a folder')
    .requiredOption(
      '-o, --output <dir>',
      'output folder (must be empty or absent)',
    )
    .option(
      '-k, --kind <kind>',
      `what to generate: ${GENERATE_KINDS.join(', ')}`,
      'platform',
    )
    .option(...rootsOption)
    .option('--force', 'write into a non-empty folder')
    .action(
      async (
        payloadFile: string,
        opts: {
          output: string;
          kind: string;
          roots?: string[];
          force?: boolean;
        },
      ) => {
        const result = await generate(payloadFile, opts);
        const out = resolve(opts.output);
        if (
          fs.existsSync(out) &&
          fs.readdirSync(out).length > 0 &&
          !opts.force
        ) {
          throw new CliError(
            `Output folder ${out} is not empty (use --force to write into it)`,
            2,
          );
        }
        await writeFiles(out, result.files);
        io.stdout(
          `Rendered ${result.files.length} files from ${result.templates
            .map(formatTemplateRef)
            .join(', ')} into ${out}\n`,
        );
        if (result.secrets.length > 0) {
          io.stdout(
            `Not written (secrets, store them as CI secrets): ${result.secrets
              .map(s => s.field)
              .join(', ')}\n`,
          );
        }
      },
    );

  program
    .command('zip <payload>')
    .description('render a payload (JSON file, or - for stdin) into a ZIP')
    .requiredOption('-o, --output <file>', 'ZIP file to write')
    .option(
      '-k, --kind <kind>',
      `what to generate: ${GENERATE_KINDS.join(', ')}`,
      'platform',
    )
    .option(...rootsOption)
    .action(
      async (
        payloadFile: string,
        opts: { output: string; kind: string; roots?: string[] },
      ) => {
        const result = await generate(payloadFile, opts);
        const zip = await createZip(result.files);
        const out = resolve(opts.output);
        fs.mkdirSync(path.dirname(out), { recursive: true });
        fs.writeFileSync(out, zip);
        io.stdout(
          `Wrote ${out}: ${result.files.length} files, ${zip.length} bytes\n`,
        );
      },
    );

  program
    .command('validate <dir>')
    .description(
      'run the output checks (helm 3+4, Kubernetes schemas, HCL, actionlint) on a folder',
    )
    .option('--no-helm', 'skip the helm binaries (in-process checks only)')
    .option('--json', 'print the report as JSON')
    .action(async (dir: string, opts: { helm: boolean; json?: boolean }) => {
      const abs = resolve(dir);
      if (!fs.existsSync(abs) || !fs.statSync(abs).isDirectory()) {
        throw new CliError(`${abs} is not a folder`, 2);
      }
      const checked = await checkDirectory(abs, { helm: opts.helm });
      // warnings (a chart image that needs root) are printed, never fail
      const report = {
        ...checked,
        findings: [
          ...(await imageWarningsInDirectory(abs)),
          ...checked.findings,
        ],
      };
      if (opts.json) {
        io.stdout(`${JSON.stringify(report, null, 2)}\n`);
      } else if (report.findings.length > 0) {
        io.stdout(`${formatFindings(report.findings)}\n`);
      }
      const counts = Object.entries(report.checkedFiles)
        .map(([check, n]) => `${check}: ${n}`)
        .join(', ');
      io.stderr(
        `${report.ok ? 'OK' : 'FAILED'}: ${
          report.findings.length
        } finding(s); checked ${counts || 'nothing'}\n`,
      );
      if (!report.ok) {
        throw new CliError('', 1);
      }
    });

  upgradeCommand(program, { io, resolve, engineFor, rootsOption });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version exit 0; usage errors were already printed
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof CliError) {
      if (error.message) io.stderr(`iacforge: ${error.message}\n`);
      return error.exitCode;
    }
    if (
      error instanceof TemplateLoadError ||
      error instanceof TemplateRenderError
    ) {
      io.stderr(`iacforge: ${error.message}\n`);
      return 1;
    }
    io.stderr(`iacforge: ${(error as Error).message ?? String(error)}\n`);
    return 2;
  }
}
