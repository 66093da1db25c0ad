package llm

// Configuring backends (environment variables read by ConfigFromEnv):
//
// OpenAI:
//
//	OPENAI_API_KEY=sk-...            SANGBAD_LLM_MODEL=gpt-4o-mini
//
// Azure OpenAI (the model is the deployment name; the key goes in api-key):
//
//	SANGBAD_LLM_API_TYPE=azure       OPENAI_BASE_URL=https://NAME.openai.azure.com
//	OPENAI_API_KEY=<resource key>    SANGBAD_LLM_MODEL=<deployment>
//	AZURE_OPENAI_API_VERSION=2024-10-21
//
// Ollama (accepts json_schema; older versions ignore it, which validation
// catches):
//
//	OPENAI_BASE_URL=http://localhost:11434/v1   SANGBAD_LLM_MODEL=qwen2.5:7b-instruct
//
// vLLM (guided decoding honours json_schema):
//
//	OPENAI_BASE_URL=http://localhost:8000/v1    SANGBAD_LLM_MODEL=Qwen/Qwen2.5-7B-Instruct
//
// llama.cpp's llama-server (the model name is free; use json_object or
// auto on builds without json_schema support):
//
//	OPENAI_BASE_URL=http://localhost:8080/v1    SANGBAD_LLM_MODEL=local
//
// Local servers are slower: raise SANGBAD_LLM_TIMEOUT (per attempt) and
// lower SANGBAD_LLM_MAX_CONCURRENT to what the server can run in parallel.
