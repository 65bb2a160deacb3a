using BenchmarkDotNet.Attributes;
using ScalingAdvisor.Models;

namespace ScalingAdvisor.Benchmarks;

/// <summary>Parameter counting of presets of growing size, and Hugging Face config import.</summary>
[MemoryDiagnoser]
public class ParameterCountingBenchmarks
{
    private const string Llama3Config =
        """{"model_type":"llama","hidden_size":4096,"intermediate_size":14336,"num_attention_heads":32,"num_hidden_layers":32,"num_key_value_heads":8,"vocab_size":128256,"tie_word_embeddings":false,"max_position_embeddings":8192}""";

    private TransformerShape _shape = null!;

    /// <summary>The preset to count.</summary>
    [Params("gpt2", "llama-2-70b", "mixtral-8x7b", "llama-3.1-405b")]
    public string Preset { get; set; } = "gpt2";

    [GlobalSetup]
    public void Setup() => _shape = ModelCatalog.BuiltIn.Get(Preset).Shape;

    [Benchmark(Baseline = true)]
    public ParameterCounts CountParameters() => ParameterCounter.Count(_shape);

    [Benchmark]
    public long CountFromHuggingFaceConfig() => (long)HuggingFaceConfig.Parse(Llama3Config).CountParameters().Total.Count;
}
