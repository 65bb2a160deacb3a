using ScalingAdvisor.Models;

namespace ScalingAdvisor.Tests.Models;

public partial class HuggingFaceConfigTests
{
    // The llama-3-8b config.json used by ../shared/tools/contract-check (keys of meta-llama/Meta-Llama-3-8B).
    private const string Llama3Config =
        """{"model_type":"llama","hidden_size":4096,"intermediate_size":14336,"num_attention_heads":32,"num_hidden_layers":32,"num_key_value_heads":8,"vocab_size":128256,"tie_word_embeddings":false,"max_position_embeddings":8192,"rms_norm_eps":1e-05}""";

    [Fact]
    public void Llama3_8B_config_json_gives_the_released_count()
    {
        var shape = HuggingFaceConfig.Parse(Llama3Config);
        shape.CountParameters().Total.Count.Should().Be(8_030_261_248);
        shape.KeyValueHeads.Should().Be(8);
        shape.ContextLength.Should().Be(8192);
    }

    [Fact]
    public void Gpt2_config_json_gives_the_released_count()
    {
        // openai-community/gpt2 config.json (n_inner null means 4·n_embd).
        const string json = """{"model_type":"gpt2","n_layer":12,"n_embd":768,"n_head":12,"n_inner":null,"n_positions":1024,"n_ctx":1024,"vocab_size":50257}""";
        var shape = HuggingFaceConfig.Parse(json);
        shape.CountParameters().Total.Count.Should().Be(124_439_808);
        shape.TiedEmbeddings.Should().BeTrue();
        shape.Positions.Should().Be(PositionEncoding.Learned);
    }

    [Fact]
    public void A_gpt2_width_whose_default_feed_forward_overflows_is_an_argument_error_naming_the_field()
    {
        // Issue 14: 4·n_embd past 2^31 − 1 threw OverflowException (exit 1) instead of a bad-input error.
        const string json = """{"model_type":"gpt2","n_layer":12,"n_embd":1000000000,"n_head":1,"n_inner":null,"n_positions":1024,"vocab_size":50257}""";
        var act = () => HuggingFaceConfig.Parse(json);
        act.Should().Throw<HuggingFaceConfigException>().WithMessage("*n_embd*");
    }

    [Fact]
    public void Gpt_neox_config_json_of_pythia_160m_gives_the_released_count()
    {
        // EleutherAI/pythia-160m config.json; Biderman et al. 2023 (Pythia) Table 1 lists 162,322,944 parameters.
        const string json = """{"model_type":"gpt_neox","hidden_size":768,"intermediate_size":3072,"num_attention_heads":12,"num_hidden_layers":12,"vocab_size":50304,"max_position_embeddings":2048,"rotary_pct":0.25,"tie_word_embeddings":false,"use_parallel_residual":true}""";
        var shape = HuggingFaceConfig.Parse(json);
        shape.CountParameters().Total.Count.Should().Be(162_322_944);
        shape.Norm.Should().Be(NormKind.LayerNorm);
        shape.ParallelResidual.Should().BeTrue();
        shape.Biases.Should().Be(BiasTerms.All);
    }

    [Fact]
    public void Qwen2_config_json_has_qkv_biases_only_and_gives_the_released_Qwen25_7B_count()
    {
        const string json = """{"model_type":"qwen2","hidden_size":3584,"intermediate_size":18944,"num_attention_heads":28,"num_hidden_layers":28,"num_key_value_heads":4,"vocab_size":152064,"max_position_embeddings":32768,"tie_word_embeddings":false}""";
        var shape = HuggingFaceConfig.Parse(json);
        shape.Biases.Should().Be(BiasTerms.QueryKeyValue);
        shape.CountParameters().Total.Count.Should().Be(7_615_616_512);
    }

    [Fact]
    public void Mixtral_config_json_gives_the_released_count_with_experts()
    {
        const string json = """{"model_type":"mixtral","hidden_size":4096,"intermediate_size":14336,"num_attention_heads":32,"num_hidden_layers":32,"num_key_value_heads":8,"vocab_size":32000,"max_position_embeddings":32768,"num_local_experts":8,"num_experts_per_tok":2,"tie_word_embeddings":false}""";
        var counts = HuggingFaceConfig.Parse(json).CountParameters();
        counts.Total.Count.Should().Be(46_702_792_704);
        counts.Active.Count.Should().Be(12_879_925_248);
    }

    [Fact]
    public void Mistral_config_json_gives_the_released_count_and_honours_head_dim()
    {
        const string json = """{"model_type":"mistral","hidden_size":4096,"intermediate_size":14336,"num_attention_heads":32,"num_hidden_layers":32,"num_key_value_heads":8,"vocab_size":32000,"max_position_embeddings":32768,"head_dim":128}""";
        HuggingFaceConfig.Parse(json).CountParameters().Total.Count.Should().Be(7_241_732_096);
        var wide = HuggingFaceConfig.Parse(json.Replace("\"head_dim\":128", "\"head_dim\":160", StringComparison.Ordinal));
        wide.HeadWidth.Should().Be(160);
    }

    [Fact]
    public void A_missing_key_is_named_in_the_error()
    {
        var json = Llama3Config.Replace("\"hidden_size\":4096,", "", StringComparison.Ordinal);
        var act = () => HuggingFaceConfig.Parse(json);
        act.Should().Throw<HuggingFaceConfigException>().WithMessage("*hidden_size*").Which.Key.Should().Be("hidden_size");
    }

    [Fact]
    public void An_unknown_model_type_lists_the_supported_ones()
    {
        var act = () => HuggingFaceConfig.Parse("""{"model_type":"t5"}""");
        act.Should().Throw<ArgumentException>().WithMessage("*t5*llama*gpt_neox*");
    }

    [Fact]
    public void A_wrongly_typed_value_is_named_in_the_error()
    {
        var json = Llama3Config.Replace("\"num_hidden_layers\":32", "\"num_hidden_layers\":\"32\"", StringComparison.Ordinal);
        var act = () => HuggingFaceConfig.Parse(json);
        act.Should().Throw<HuggingFaceConfigException>().WithMessage("*num_hidden_layers*");
    }

    [Fact]
    public void Inconsistent_values_are_reported_as_config_errors()
    {
        var json = Llama3Config.Replace("\"num_key_value_heads\":8", "\"num_key_value_heads\":7", StringComparison.Ordinal);
        var act = () => HuggingFaceConfig.Parse(json, "cfg.json");
        act.Should().Throw<HuggingFaceConfigException>().WithMessage("*cfg.json*KeyValueHeads*");
    }

    [Fact]
    public void Errors_from_a_file_name_the_file()
    {
        var dir = Directory.CreateTempSubdirectory("sa-hf-");
        try
        {
            var missing = Path.Combine(dir.FullName, "nope.json");
            var act = () => HuggingFaceConfig.LoadFile(missing);
            act.Should().Throw<HuggingFaceConfigException>().WithMessage($"*{missing}*does not exist*").Which.FilePath.Should().Be(missing);

            var malformed = Path.Combine(dir.FullName, "bad.json");
            File.WriteAllText(malformed, "{ \"model_type\": ");
            var bad = () => HuggingFaceConfig.LoadFile(malformed);
            bad.Should().Throw<HuggingFaceConfigException>().WithMessage($"*{malformed}*not valid JSON*");

            var incomplete = Path.Combine(dir.FullName, "config.json");
            File.WriteAllText(incomplete, """{"model_type":"llama","hidden_size":4096}""");
            var inc = () => HuggingFaceConfig.LoadFile(incomplete);
            inc.Should().Throw<HuggingFaceConfigException>().WithMessage($"*{incomplete}*missing key*");

            var good = Path.Combine(dir.FullName, "llama3.json");
            File.WriteAllText(good, Llama3Config);
            HuggingFaceConfig.LoadFile(good).CountParameters().Total.Count.Should().Be(8_030_261_248);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
