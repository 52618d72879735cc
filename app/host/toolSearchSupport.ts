// Which API base URLs refused tool search (a proxy or an older endpoint answers 400 to `defer_loading` or the
// tool search tool). Remembered for this run, so the next request sends tools the usual way at once.
export class ToolSearchSupport {
  private readonly refused = new Map<string, string>();

  /** Why tool search cannot be used with this base URL, in words; undefined when it can. */
  problem(baseUrl: string): string | undefined {
    return this.refused.get(baseUrl);
  }

  refuse(baseUrl: string, apiMessage: string): string {
    const problem = `the API at ${baseUrl} does not accept it (it answered: ${apiMessage.replace(/^The API rejected the request \(400\)\.\s*/, '')}).`;
    this.refused.set(baseUrl, problem);
    return problem;
  }
}
