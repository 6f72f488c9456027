"""The official OpenAI Python SDK against Brief Audio's /v1, for OfficialSdksIT.

Environment: OPENAI_BASE_URL (.../v1), OPENAI_API_KEY (a valid key). Prints one JSON object: what each call
returned or how it failed, as the SDK reports it; the Java test judges it.
"""
import json
import os
import sys

import openai
from openai import OpenAI

BASE_URL = os.environ["OPENAI_BASE_URL"]
client = OpenAI(base_url=BASE_URL, api_key=os.environ["OPENAI_API_KEY"], max_retries=0, timeout=180)
stranger = OpenAI(base_url=BASE_URL, api_key="ba-not-a-key-of-this-service", max_retries=0, timeout=60)


def audio(**params):
    response = client.audio.speech.create(**params)
    data = response.read()
    return {"status": response.response.status_code, "content_type": response.response.headers.get("content-type"),
            "size": len(data), "head": data[:4].hex()}


def failure(call):
    try:
        call()
        return {"failed": False}
    except openai.APIStatusError as e:
        body = e.body if isinstance(e.body, dict) else {}
        return {"failed": True, "class": type(e).__name__, "status": e.status_code, "message": body.get("message"),
                "type": body.get("type"), "param": body.get("param"), "code": e.code}
    except openai.OpenAIError as e:
        return {"failed": True, "sdk_error": repr(e)}


def main():
    result = {"sdk": "python", "version": openai.__version__}
    result["mp3"] = audio(model="tts-1", voice="alloy", input="Good morning from the Python SDK.")
    result["wav"] = audio(model="gpt-4o-mini-tts", voice="nova", input="Rain later today.", response_format="wav",
                          speed=1.25)
    result["unknown_voice"] = failure(lambda: client.audio.speech.create(model="tts-1", voice="robot", input="Hi"))
    result["too_long"] = failure(lambda: client.audio.speech.create(model="tts-1", voice="alloy", input="x" * 4097))
    result["unknown_model"] = failure(lambda: client.models.retrieve("dall-e-3"))
    result["unknown_path"] = failure(lambda: client.get("/no-such-endpoint", cast_to=object))
    result["bad_key"] = failure(lambda: stranger.audio.speech.create(model="tts-1", voice="alloy", input="Hi"))
    result["models"] = [m.id for m in client.models.list().data]
    print(json.dumps(result))


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # the Java test shows stderr
        print(repr(e), file=sys.stderr)
        raise
