/** A refused request: the HTTP status and Salesforce's error entry. */
export class SfFault extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly fields?: string[],
  ) {
    super(message);
  }

  /** The REST error body: an array with one entry. */
  body() {
    return [this.entry()];
  }

  entry() {
    return {
      message: this.message,
      errorCode: this.errorCode,
      ...(this.fields ? { fields: this.fields } : {}),
    };
  }
}
