// The official OpenAI Node SDK (npm "openai" 6.x) against Brief Audio's /v1, for OfficialSdksIT.
// Environment: OPENAI_BASE_URL (…/v1), OPENAI_API_KEY (a valid key). Prints one JSON object: what each call
// returned or how it failed, as the SDK reports it; the Java test judges it.
const { OpenAI, APIError } = require('openai');
const { VERSION } = require('openai/version');

const baseURL = process.env.OPENAI_BASE_URL;
const client = new OpenAI({ baseURL, apiKey: process.env.OPENAI_API_KEY, maxRetries: 0, timeout: 180000 });
const stranger = new OpenAI({ baseURL, apiKey: 'ba-not-a-key-of-this-service', maxRetries: 0, timeout: 60000 });

async function audio(params) {
  const response = await client.audio.speech.create(params);
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, content_type: response.headers.get('content-type'), size: bytes.length,
    head: bytes.subarray(0, 4).toString('hex') };
}

async function failure(call) {
  try {
    await call();
    return { failed: false };
  } catch (e) {
    if (!(e instanceof APIError)) {
      return { failed: true, sdk_error: String(e) };
    }
    return { failed: true, class: e.constructor.name, status: e.status, message: e.error && e.error.message,
      type: e.type, param: e.param, code: e.code };
  }
}

async function main() {
  const result = { sdk: 'node', version: VERSION };
  result.mp3 = await audio({ model: 'tts-1', voice: 'alloy', input: 'Good morning from the Node SDK.' });
  result.wav = await audio({ model: 'gpt-4o-mini-tts', voice: 'nova', input: 'Rain later today.',
    response_format: 'wav', speed: 1.25 });
  result.unknown_voice = await failure(() => client.audio.speech.create({ model: 'tts-1', voice: 'robot', input: 'Hi' }));
  result.too_long = await failure(() => client.audio.speech.create({ model: 'tts-1', voice: 'alloy',
    input: 'x'.repeat(4097) }));
  result.unknown_model = await failure(() => client.models.retrieve('dall-e-3'));
  result.unknown_path = await failure(() => client.get('/no-such-endpoint'));
  result.bad_key = await failure(() => stranger.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'Hi' }));
  const models = await client.models.list();
  result.models = models.data.map((m) => m.id);
  process.stdout.write(JSON.stringify(result) + '\n');
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack || e) + '\n');
  process.exit(1);
});
