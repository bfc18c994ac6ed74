namespace Puma.Training;

/// <summary>
/// Training stopped on a NaN or infinite loss (<see cref="NonFiniteLossPolicy.Stop"/>). Parameters, proxies, loss buffers
/// and optimizer state are as they were before the bad step.
/// </summary>
public sealed class NonFiniteLossException : Exception
{
    /// <summary>Creates the exception for the step <paramref name="step"/> (1-based) of epoch <paramref name="epoch"/> (1-based).</summary>
    public NonFiniteLossException(int epoch, int step, double loss)
        : base($"Training stopped at epoch {epoch}, step {step}: the loss is {loss}. Parameters, proxies and optimizer state are as before this step.")
    {
        Epoch = epoch;
        Step = step;
        Loss = loss;
    }

    /// <summary>Epoch of the bad step (1-based).</summary>
    public int Epoch { get; }

    /// <summary>Step of the bad step within its epoch (1-based).</summary>
    public int Step { get; }

    /// <summary>The non-finite loss value.</summary>
    public double Loss { get; }
}
