/**
 * Saves `text` as a file on the person's device, without the network: a link to a Blob,
 * clicked. Some engines follow only a link that is in a document, so it goes into `root`
 * for the click.
 */
export function saveFile(root: ParentNode, name: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], {type}));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  root.append(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
