using ScalingAdvisor.Cli.Rendering;
using ScalingAdvisor.StepTime;

namespace ScalingAdvisor.Cli.Commands;

/// <summary>The fields of a step-time prediction (CLI.md, <c>time --predict-mfu</c>); null fields without a prediction.</summary>
internal static class StepTimeReport
{
    public static void Add(Report report, StepTimePrediction? prediction)
    {
        report.Add("predictedMfu", prediction?.Mfu);
        report.Add("achievedFlopsPerSecondPerDevice", prediction?.AchievedPerDevice.FlopsPerSecond);
        report.Add("stepSeconds", prediction?.StepTime.TotalSeconds);
        report.Add("feedForwardKernelEfficiency", prediction?.FeedForwardKernelEfficiency);
        if (report.AddObjectOrNull("breakdown", prediction is not null) is { } breakdown)
        {
            var b = prediction!.Breakdown;
            breakdown.Add("attentionProjectionsSeconds", b.AttentionProjections.TotalSeconds);
            breakdown.Add("feedForwardSeconds", b.FeedForward.TotalSeconds);
            breakdown.Add("routerSeconds", b.Router.TotalSeconds);
            breakdown.Add("outputLayerSeconds", b.OutputLayer.TotalSeconds);
            breakdown.Add("attentionSeconds", b.Attention.TotalSeconds);
            breakdown.Add("elementWiseSeconds", b.ElementWise.TotalSeconds);
            breakdown.Add("recomputationSeconds", b.Recomputation.TotalSeconds);
            breakdown.Add("tensorParallelSeconds", b.TensorParallelCommunication.TotalSeconds);
            breakdown.Add("expertParallelSeconds", b.ExpertParallelCommunication.TotalSeconds);
            breakdown.Add("contextParallelSeconds", b.ContextParallelCommunication.TotalSeconds);
            breakdown.Add("pipelinePointToPointSeconds", b.PipelinePointToPoint.TotalSeconds);
            breakdown.Add("pipelineBubbleSeconds", b.PipelineBubble.TotalSeconds);
            breakdown.Add("dataParallelSeconds", b.DataParallelCommunication.TotalSeconds);
            breakdown.Add("optimizerSeconds", b.OptimizerStep.TotalSeconds);
            breakdown.Add("stragglersSeconds", b.Stragglers.TotalSeconds);
        }

        var layout = prediction?.Layout;
        var a = report.Assumptions;
        a.Add("modelFlopsConvention", prediction is null ? null : StepTimeModel.ModelFlopsConvention);
        a.Add("stepTimeModel", prediction is null ? null : StepTimeModel.Formula);
        a.Add("tp", layout?.TensorParallel);
        a.Add("pp", layout?.PipelineParallel);
        a.Add("virtualStages", layout?.VirtualStages);
        a.Add("cp", layout?.ContextParallel);
        a.Add("ep", layout?.ExpertParallel);
        a.Add("epOverlap", layout?.ExpertAllToAllOverlap);
        a.Add("etp", layout?.ExpertTensorParallel);
        a.Add("dataParallel", layout?.DataParallel);
        a.Add("microBatch", layout?.MicroBatchSize);
        a.Add("globalBatch", layout?.GlobalBatchSize);
        a.Add("microBatchesPerPipeline", layout?.MicroBatches);
        a.Add("seqLen", layout?.SequenceLength);
        a.Add("recompute", layout is null ? null : Options.RecomputeOption.Name(layout.Recomputation));
        a.Add("zeroStage", layout?.ZeroStage);
        a.Add("flashAttention", layout?.FlashAttention);
        a.Add("tpCommOverlap", layout?.TensorParallelOverlap);
        a.Add("matmulCeiling", prediction?.MatmulCeiling.Fraction);
        a.AddCitation("matmulCeilingSource", prediction?.MatmulCeiling.Source);
    }

    public static void AddSearch(Report report, LayoutSearchResult? search)
    {
        if (report.AddObjectOrNull("layoutSearch", search is not null) is not { } found)
        {
            return;
        }

        found.Add("evaluated", search!.Evaluated);
        found.Add("rejectedForMemory", search.RejectedForMemory);
        found.AddDetail("rule", LayoutSearch.Rule);
        var rows = found.AddArray("layouts");
        foreach (var candidate in search.Best.Append(search.BestRejectedForMemory))
        {
            if (candidate is null)
            {
                continue;
            }

            var l = candidate.Prediction.Layout;
            var row = ReportObject.NewItem(rows);
            row.Add("tp", l.TensorParallel);
            row.Add("pp", l.PipelineParallel);
            row.Add("virtualStages", l.VirtualStages);
            row.Add("cp", l.ContextParallel);
            row.Add("ep", l.ExpertParallel);
            row.Add("etp", l.ExpertTensorParallel);
            row.Add("microBatch", l.MicroBatchSize);
            row.Add("predictedMfu", candidate.Prediction.Mfu);
            row.Add("stepSeconds", candidate.Prediction.StepTime.TotalSeconds);
            row.Add("memoryBytesPerGpu", candidate.Memory.Bytes);
            row.Add("fits", candidate.Fits);
            row.Add("whyLoses", candidate.WhyLoses);
        }
    }
}
