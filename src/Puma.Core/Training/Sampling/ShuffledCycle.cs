namespace Puma.Training.Sampling;

/// <summary>
/// Hands out items from a shuffled cycle: every item once before any item again, never twice in one draw.
/// <see cref="Restart"/> begins a fresh cycle, so the first <see cref="Count"/> items drawn after it are all distinct.
/// </summary>
internal sealed class ShuffledCycle
{
    private readonly int[] order;
    private readonly Random random;
    private int position;

    public ShuffledCycle(IEnumerable<int> items, Random random)
    {
        order = items.ToArray();
        this.random = random;
        Restart();
    }

    public int Count => order.Length;

    /// <summary>Reshuffles and starts a new cycle.</summary>
    public void Restart()
    {
        random.Shuffle(order);
        position = 0;
    }

    /// <summary><paramref name="k"/> distinct items (k ≤ <see cref="Count"/>).</summary>
    public int[] Take(int k)
    {
        var taken = new List<int>(k);
        while (taken.Count < k)
        {
            if (position == order.Length) Restart();
            if (taken.Contains(order[position]))
            {
                // Already drawn from the previous cycle's tail: bring forward an item of this cycle not yet in the draw.
                int other = position + 1;
                while (taken.Contains(order[other])) other++;
                (order[position], order[other]) = (order[other], order[position]);
            }
            taken.Add(order[position++]);
        }
        return taken.ToArray();
    }

    /// <summary><paramref name="k"/> items with replacement when the cycle is shorter than k: all items, then random repeats.</summary>
    public int[] TakeWithReplacement(int k)
    {
        if (k <= order.Length) return Take(k);
        random.Shuffle(order);
        return order.Concat(Enumerable.Range(0, k - order.Length).Select(_ => order[random.Next(order.Length)])).ToArray();
    }
}
