/** Whether a request came with a body that the handler never read (the server will cut the socket). */
export function bodyLeftUnread(request: Request): boolean {
  const declared = request.headers.get('content-length');
  const hasBody = (declared !== null && declared !== '0') || request.headers.has('transfer-encoding');
  return hasBody && !request.bodyUsed;
}
