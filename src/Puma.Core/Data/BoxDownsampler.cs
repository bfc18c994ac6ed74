namespace Puma.Data;

/// <summary>
/// Averages factor×factor blocks of an image fed one RGBA row at a time (top to bottom), after alpha handling;
/// partial blocks at the right and bottom edges average the pixels they have.
/// </summary>
internal sealed class BoxDownsampler
{
    private readonly int _width, _height, _factor, _outWidth;
    private readonly AlphaHandling _alpha;
    private readonly byte[] _rgbRow;
    private readonly long[] _sums;
    private readonly byte[] _output;
    private int _rowsSeen;

    public BoxDownsampler(int width, int height, int factor, AlphaHandling alpha)
    {
        (_width, _height, _factor, _alpha) = (width, height, factor, alpha);
        _outWidth = (width + factor - 1) / factor;
        OutputHeight = (height + factor - 1) / factor;
        _rgbRow = new byte[width * 3];
        _sums = new long[_outWidth * 3];
        _output = new byte[(long)_outWidth * OutputHeight * 3];
    }

    /// <summary>Height of the downsampled image.</summary>
    public int OutputHeight { get; }

    /// <summary>Adds the next row (straight-alpha RGBA, at least width × 4 bytes).</summary>
    public void AddRow(ReadOnlySpan<byte> rgba)
    {
        RgbaToRgb.Convert(rgba, _rgbRow, _width, _alpha);
        for (int x = 0; x < _width; x++)
        {
            int o = x / _factor * 3;
            _sums[o] += _rgbRow[x * 3];
            _sums[o + 1] += _rgbRow[x * 3 + 1];
            _sums[o + 2] += _rgbRow[x * 3 + 2];
        }
        _rowsSeen++;
        if (_rowsSeen % _factor == 0 || _rowsSeen == _height)
        {
            Flush();
        }
    }

    /// <summary>The downsampled image, once every row has been added.</summary>
    public RgbImage Result()
    {
        if (_rowsSeen != _height)
        {
            throw new InvalidOperationException($"{_rowsSeen} of {_height} rows were added.");
        }
        return new RgbImage(_outWidth, OutputHeight, _output);
    }

    private void Flush()
    {
        int oy = (_rowsSeen - 1) / _factor;
        int rows = _rowsSeen - oy * _factor;
        for (int ox = 0; ox < _outWidth; ox++)
        {
            long count = (long)rows * Math.Min(_factor, _width - ox * _factor);
            for (int c = 0; c < 3; c++)
            {
                _output[((long)oy * _outWidth + ox) * 3 + c] = (byte)((_sums[ox * 3 + c] + count / 2) / count);
            }
        }
        Array.Clear(_sums);
    }
}
