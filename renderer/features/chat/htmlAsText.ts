// A remark plugin that turns raw HTML in markdown into plain text: it is shown, never interpreted.
interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
}

function walk(node: MdNode): void {
  if (node.type === 'html') node.type = 'text';
  node.children?.forEach(walk);
}

export function htmlAsText() {
  return (tree: MdNode) => walk(tree);
}
