namespace ScalingAdvisor.Cli.Tests.Commands;

// Issue 16: the new shape features through the CLI, and what --hf-config could not take into account.
public partial class ParamsCommandTests
{
    private static System.Text.Json.JsonElement ParamsOfConfig(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"sa-hf-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        try
        {
            return CliRunner.Json("params", "--hf-config", path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void DeepSeek_V3_config_reports_671B_with_the_MTP_module_apart()
    {
        // deepseek-ai/DeepSeek-V3 config.json (count-relevant keys): 671,026,419,200 main model, 13,463,426,304 MTP.
        var json = ParamsOfConfig("""
            {"model_type":"deepseek_v3","hidden_size":7168,"intermediate_size":18432,"moe_intermediate_size":2048,"num_hidden_layers":61,
             "num_attention_heads":128,"num_key_value_heads":128,"n_shared_experts":1,"n_routed_experts":256,"num_experts_per_tok":8,
             "first_k_dense_replace":3,"moe_layer_freq":1,"q_lora_rank":1536,"kv_lora_rank":512,"qk_nope_head_dim":128,"qk_rope_head_dim":64,
             "v_head_dim":128,"vocab_size":129280,"max_position_embeddings":163840,"num_nextn_predict_layers":1,"tie_word_embeddings":false}
            """);
        json.GetProperty("totalParams").GetDouble().Should().Be(671_026_419_200);
        json.GetProperty("multiTokenPredictionParams").GetDouble().Should().Be(13_463_426_304);
        var shape = json.GetProperty("assumptions").GetProperty("shape");
        shape.GetProperty("latentAttention").GetProperty("kvLoraRank").GetInt32().Should().Be(512);
        shape.GetProperty("expertLayers").GetInt32().Should().Be(58);
        json.GetProperty("findings").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public void A_config_key_that_is_not_understood_is_a_finding()
    {
        var json = ParamsOfConfig("""{"model_type":"mistral","hidden_size":4096,"intermediate_size":14336,"num_attention_heads":32,"num_hidden_layers":32,"num_key_value_heads":8,"vocab_size":32000,"max_position_embeddings":32768,"n_shared_experts":2}""");
        json.GetProperty("findings")[0].GetString().Should().Contain("n_shared_experts");
        json.GetProperty("multiTokenPredictionParams").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public void Shape_flags_express_Gemma_2_9B_with_its_sandwich_norms_and_window()
    {
        // google/gemma-2-9b: 9,241,705,984 parameters.
        var json = CliRunner.Json("params", "--layers", "42", "--d-model", "3584", "--heads", "16", "--kv-heads", "8", "--head-dim", "256",
            "--ffn", "14336", "--vocab", "256000", "--gated-ffn", "--tied-embeddings", "--norm-placement", "sandwich",
            "--sliding-window", "4096", "--global-every", "2");
        json.GetProperty("totalParams").GetDouble().Should().Be(9_241_705_984);
        json.GetProperty("assumptions").GetProperty("shape").GetProperty("slidingWindowLayers").GetInt32().Should().Be(21);
    }

    [Fact]
    public void Shape_flags_express_latent_attention_and_shared_experts()
    {
        // deepseek-ai/DeepSeek-V2-Lite: 15,706,484,224 parameters (no query latent, 2 shared experts, 1 dense layer).
        var json = CliRunner.Json("params", "--layers", "27", "--d-model", "2048", "--heads", "16", "--ffn", "10944", "--vocab", "102400",
            "--gated-ffn", "--experts", "64", "--active-experts", "6", "--expert-ffn", "1408", "--shared-experts", "2",
            "--first-dense-layers", "1", "--kv-lora-rank", "512", "--qk-nope-dim", "128", "--qk-rope-dim", "64", "--v-head-dim", "128");
        json.GetProperty("totalParams").GetDouble().Should().Be(15_706_484_224);
    }

    [Fact]
    public void A_latent_attention_flag_without_the_rank_is_one_line_of_bad_input()
    {
        CliRunner.ExpectInvalidInput("params", "--layers", "2", "--d-model", "64", "--heads", "4", "--ffn", "128", "--vocab", "100", "--qk-rope-dim", "8")
            .Should().Contain("--kv-lora-rank");
    }
}
