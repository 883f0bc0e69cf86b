"""The model library: everything between a model's name and its trained weights and generations.

    paths       the one owner of artifact paths (VALLEY_HOME, the shipped assets)
    config      dataclass configs from YAML recipes and CLI flags (--help shows each field's comment)
    rundir      a run on disk: RunDir (files, weights, status, poll, stop, zip), State, open_run
    models      load_model(source, adapter=, merge=), LoRA targets, saving weights
    tiny_model  the embedded model's tokenizer and Qwen2 shapes; tiny_hf: tiny Qwen2/Llama/Gemma3 stand-ins
    encode      chat-template encoding with answer-only labels and EOS, padded batches
    sources     where fine-tuning data comes from (the world, chat JSONL/parquet, OpenR1) as nested subsets
    openr1      OpenR1-Math-220k: one correct trace per problem, the length filter
    loop        the training loop (telemetry, clean stop); hf_trainer: the same through transformers.Trainer
    generate    batched KV-cache generation; evaluation: backends (transformers, vLLM), scoring, summaries
    pool        worker processes for the sweeps
"""
