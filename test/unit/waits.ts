import { httpClock } from "../../provider/core/http";

/**
 * Unit tests never sleep: every retry wait HttpClient asks for is recorded here and returns at once (jest loads
 * this file before each unit test file; see jest.config.js). Tests that judge a wait read `retryWaits`.
 */
export const retryWaits: number[] = [];

httpClock.sleep = async (ms: number) => void retryWaits.push(ms);
beforeEach(() => void retryWaits.splice(0));
