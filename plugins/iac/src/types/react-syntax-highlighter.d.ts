// Minimal typings for the react-syntax-highlighter entry points this plugin
// uses (the same async highlight.js build as Backstage's CodeSnippet), so no
// @types package is needed.
declare module 'react-syntax-highlighter/dist/esm/light-async' {
  import type { ComponentType, CSSProperties, HTMLProps } from 'react';

  export interface SyntaxHighlighterProps {
    language?: string;
    style?: { [key: string]: CSSProperties };
    children: string;
    customStyle?: CSSProperties;
    codeTagProps?: HTMLProps<HTMLElement>;
    showLineNumbers?: boolean;
    startingLineNumber?: number;
    lineNumberStyle?: CSSProperties | ((lineNumber: number) => CSSProperties);
    wrapLines?: boolean;
    wrapLongLines?: boolean;
    lineProps?:
      | HTMLProps<HTMLElement>
      | ((lineNumber: number) => HTMLProps<HTMLElement>);
    PreTag?: string | ComponentType<any>;
    CodeTag?: string | ComponentType<any>;
    [key: string]: unknown;
  }

  const SyntaxHighlighter: ComponentType<SyntaxHighlighterProps> & {
    registerLanguage(name: string, grammar: unknown): void;
  };
  export default SyntaxHighlighter;
}

declare module 'react-syntax-highlighter/dist/esm/styles/hljs/a11y-light' {
  const style: { [key: string]: import('react').CSSProperties };
  export default style;
}

declare module 'react-syntax-highlighter/dist/esm/styles/hljs/a11y-dark' {
  const style: { [key: string]: import('react').CSSProperties };
  export default style;
}
