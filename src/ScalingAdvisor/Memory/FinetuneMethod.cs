namespace ScalingAdvisor.Memory;

/// <summary>How a pretrained model is fine-tuned: which weights train and how the frozen ones are stored.</summary>
public enum FinetuneMethod
{
    /// <summary>Every weight trains, as in pretraining (model states of <see cref="TrainingMemory"/>).</summary>
    Full,

    /// <summary>
    /// Low-rank adaptation (Hu et al. 2021, §4.1): the base weights are frozen in 16 bits and only the rank-r
    /// matrices A and B beside each adapted weight train.
    /// </summary>
    Lora,

    /// <summary>
    /// LoRA on a quantised frozen base (Dettmers et al. 2023, QLoRA §3): 4-bit NormalFloat with double-quantised block
    /// scales by default, or 8-bit (LLM.int8(), Dettmers et al. 2022).
    /// </summary>
    Qlora,
}
