namespace Puma.Training;

/// <summary>A learning-rate schedule: the factor applied to every group's base rate at a point of training.</summary>
public abstract record LearningRateSchedule
{
    /// <summary>The factor at <paramref name="progress"/> ∈ [0, 1) of training, in epoch <paramref name="epoch"/> (0-based).</summary>
    public abstract double Factor(int epoch, double progress);

    /// <summary>Every problem with the schedule (empty when valid).</summary>
    public virtual IEnumerable<string> Validate() => [];

    /// <summary>A constant rate.</summary>
    public static LearningRateSchedule Constant { get; } = new ConstantSchedule();

    /// <summary>The reference code's step decay: multiply by <paramref name="gamma"/> every <paramref name="everyEpochs"/> epochs.</summary>
    public static LearningRateSchedule Step(int everyEpochs, double gamma = 0.5) => new StepSchedule(everyEpochs, gamma);

    /// <summary>Cosine decay from 1 to <paramref name="finalFactor"/> over the whole run, after optional linear warm-up.</summary>
    public static LearningRateSchedule Cosine(double finalFactor = 0.1, double warmupFraction = 0) => new CosineSchedule(finalFactor, warmupFraction);

    private sealed record ConstantSchedule : LearningRateSchedule
    {
        public override double Factor(int epoch, double progress) => 1.0;
    }

    private sealed record StepSchedule(int EveryEpochs, double Gamma) : LearningRateSchedule
    {
        public override double Factor(int epoch, double progress) => Math.Pow(Gamma, epoch / EveryEpochs);

        public override IEnumerable<string> Validate()
        {
            if (EveryEpochs <= 0) yield return $"Step schedule: every-epochs must be positive (got {EveryEpochs}).";
            if (!(Gamma > 0 && Gamma <= 1)) yield return $"Step schedule: gamma must be in (0, 1] (got {Gamma}).";
        }
    }

    private sealed record CosineSchedule(double FinalFactor, double WarmupFraction) : LearningRateSchedule
    {
        public override double Factor(int epoch, double progress)
        {
            if (progress < WarmupFraction) return (progress + 1e-3) / (WarmupFraction + 1e-3);
            double t = WarmupFraction >= 1 ? 1 : (progress - WarmupFraction) / (1 - WarmupFraction);
            return FinalFactor + (1 - FinalFactor) * 0.5 * (1 + Math.Cos(Math.PI * t));
        }

        public override IEnumerable<string> Validate()
        {
            if (!(FinalFactor >= 0 && FinalFactor <= 1)) yield return $"Cosine schedule: final factor must be in [0, 1] (got {FinalFactor}).";
            if (!(WarmupFraction >= 0 && WarmupFraction < 1)) yield return $"Cosine schedule: warm-up fraction must be in [0, 1) (got {WarmupFraction}).";
        }
    }
}
