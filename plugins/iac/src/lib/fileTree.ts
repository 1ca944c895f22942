/** A folder of the preview's file tree. */
export interface TreeFolder {
  type: 'folder';
  name: string;
  path: string;
  children: TreeNode[];
}

/** A file of the preview's file tree. */
export interface TreeFile {
  type: 'file';
  name: string;
  path: string;
}

export type TreeNode = TreeFolder | TreeFile;

/** Builds a tree from file paths: folders first, then files, each sorted by name. */
export function buildFileTree(paths: string[]): TreeFolder {
  const root: TreeFolder = { type: 'folder', name: '', path: '', children: [] };
  for (const path of paths) {
    const parts = path.split('/').filter(Boolean);
    let node = root;
    parts.forEach((part, index) => {
      const isFile = index === parts.length - 1;
      const childPath = parts.slice(0, index + 1).join('/');
      if (isFile) {
        node.children.push({ type: 'file', name: part, path });
        return;
      }
      let folder = node.children.find(
        (c): c is TreeFolder => c.type === 'folder' && c.name === part,
      );
      if (!folder) {
        folder = { type: 'folder', name: part, path: childPath, children: [] };
        node.children.push(folder);
      }
      node = folder;
    });
  }
  const sort = (folder: TreeFolder) => {
    folder.children.sort((a, b) => {
      if (a.type !== b.type) return a.type === 'folder' ? -1 : 1;
      return a.name.localeCompare(b.name);
    });
    folder.children.forEach(c => c.type === 'folder' && sort(c));
  };
  sort(root);
  return root;
}

/** Every folder path of a tree (for "expand all"). */
export function folderPaths(folder: TreeFolder): string[] {
  return folder.children.flatMap(c =>
    c.type === 'folder' ? [c.path, ...folderPaths(c)] : [],
  );
}

/** Human-readable byte size: 512 B, 1.4 KiB, 2.0 MiB. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '–';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** Human-readable duration: 85 ms, 1.24 s. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
