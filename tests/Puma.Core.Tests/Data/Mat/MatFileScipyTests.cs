using NUnit.Framework;
using Puma.Data.Mat;
using Puma.Testing;

namespace Puma.Core.Tests.Data.Mat;

/// <summary>The reader against real bytes of an independent writer: scipy.io.savemat (scripts/make_mat_fixtures.py),
/// uncompressed (v6) and zlib-compressed (v7).</summary>
[TestFixture("types-v6.mat")]
[TestFixture("types-v7.mat")]
public class MatFileScipyTests(string fixture)
{
    private MatFile _file = null!;

    [OneTimeSetUp]
    public void Read() => _file = MatFile.Read(Path.Combine(Fixtures.Directory, "mat", fixture));

    [Test]
    public void EveryVariableIsRead() =>
        Assert.That(_file.Variables.Keys, Is.EquivalentTo(new[]
            { "d", "i8", "u16", "i32", "i64", "u64", "f32", "flag", "s", "u", "rows", "empty", "cellv", "st", "big" }));

    [Test]
    public void HeaderTextIsKept() => Assert.That(_file.HeaderText, Does.StartWith("MATLAB 5.0 MAT-file"));

    [Test]
    public void DoubleMatrixIsColumnMajor()
    {
        var d = _file.Get<MatNumericArray>("d");
        Assert.That(d.ArrayClass, Is.EqualTo(MatArrayClass.Double));
        Assert.That(d.Dimensions, Is.EqualTo(new[] { 2, 3 }));
        Assert.That(d.Values, Is.EqualTo(new[] { 1.5, 4, -2, 5, 3, 6.25 }));
    }

    [Test]
    public void IntegerAndSingleClassesKeepTheirValues()
    {
        Assert.That(_file.Get("i8").ArrayClass, Is.EqualTo(MatArrayClass.Int8));
        Assert.That(_file.Numbers("i8"), Is.EqualTo(new[] { -128.0, 0, 127 }));
        Assert.That(_file.Get("u16").ArrayClass, Is.EqualTo(MatArrayClass.UInt16));
        Assert.That(_file.Get("u16").Dimensions, Is.EqualTo(new[] { 2, 1 }));
        Assert.That(_file.Numbers("u16"), Is.EqualTo(new[] { 65535.0, 1 }));
        Assert.That(_file.Numbers("i32"), Is.EqualTo(new[] { -2147483648.0, 7 }));
        Assert.That(_file.Get("i64").ArrayClass, Is.EqualTo(MatArrayClass.Int64));
        Assert.That(_file.Numbers("i64"), Is.EqualTo(new[] { 9007199254740992.0, -5 }));
        Assert.That(_file.Numbers("u64"), Is.EqualTo(new[] { 12345678901.0 }));
        Assert.That(_file.Get("f32").ArrayClass, Is.EqualTo(MatArrayClass.Single));
        Assert.That(_file.Numbers("f32"), Is.EqualTo(new[] { 0.5, -1.25 }));
    }

    [Test]
    public void LogicalArraysAreFlagged()
    {
        var flag = _file.Get<MatNumericArray>("flag");
        Assert.That(flag.IsLogical, Is.True);
        Assert.That(flag.Values, Is.EqualTo(new[] { 1.0, 0, 1 }));
        Assert.That(_file.Get<MatNumericArray>("d").IsLogical, Is.False);
    }

    [Test]
    public void CharArraysBecomeStrings()
    {
        Assert.That(_file.Get<MatCharArray>("s").Text, Is.EqualTo("hello"));
        Assert.That(_file.Get<MatCharArray>("u").Text, Is.EqualTo("A\u00e7a\u00ed \u65e5\u672c"));
        Assert.That(_file.Strings("rows"), Is.EqualTo(new[] { "ab", "cd" }));
        Assert.Throws<InvalidDataException>(() => _ = _file.Get<MatCharArray>("rows").Text);
    }

    [Test]
    public void EmptyArrayHasNoElement()
    {
        var empty = _file.Get("empty");
        Assert.That(empty.Count, Is.Zero);
        Assert.That(empty.Shape, Is.EqualTo("0x0"));
    }

    [Test]
    public void CellsHoldAnyArrayIncludingCells()
    {
        var cells = _file.Get<MatCellArray>("cellv");
        Assert.That(cells.Dimensions, Is.EqualTo(new[] { 1, 3 }));
        Assert.That(((MatCharArray)cells.Cells[0]).Text, Is.EqualTo("x"));
        Assert.That(((MatNumericArray)cells.Cells[1]).Values, Is.EqualTo(new[] { 2.0 }));
        Assert.That(((MatCharArray)((MatCellArray)cells.Cells[2]).Cells[0]).Text, Is.EqualTo("y"));
        var ex = Assert.Throws<InvalidDataException>(() => _file.Strings("cellv"));
        Assert.That(ex!.Message, Does.Contain("Cell 2"));
    }

    [Test]
    public void StructFieldsAreReadPerElement()
    {
        var st = _file.Get<MatStructArray>("st");
        Assert.That(st.Count, Is.EqualTo(2));
        Assert.That(st.FieldNames, Is.EqualTo(new[] { "name", "value" }));
        Assert.That(((MatCharArray)st.Field(0, "name")).Text, Is.EqualTo("first"));
        Assert.That(((MatCharArray)st.Field(1, "name")).Text, Is.EqualTo("second"));
        Assert.That(((MatNumericArray)st.Field(0, "value")).Values, Is.EqualTo(new[] { 1.0 }));
        Assert.That(st.Field(1, "value").Dimensions, Is.EqualTo(new[] { 1, 2 }));
        Assert.That(((MatNumericArray)st.Field(1, "value")).Values, Is.EqualTo(new[] { 2.0, 3 }));
        var ex = Assert.Throws<KeyNotFoundException>(() => st.Field(0, "nope"));
        Assert.That(ex!.Message, Does.Contain("name, value"));
    }

    [Test]
    public void LargeMatrixIsColumnMajor()
    {
        var big = _file.Get<MatNumericArray>("big");
        Assert.That(big.Dimensions, Is.EqualTo(new[] { 10, 100 }));
        // numpy's arange(1000).reshape(10, 100): element (r, c) = 100 r + c, stored at c * 10 + r.
        for (int r = 0; r < 10; r++)
        {
            for (int c = 0; c < 100; c += 7)
            {
                Assert.That(big.Values[c * 10 + r], Is.EqualTo(100.0 * r + c));
            }
        }
    }

    [Test]
    public void WrongNameOrTypeIsNamed()
    {
        var missing = Assert.Throws<KeyNotFoundException>(() => _file.Get("nope"));
        Assert.That(missing!.Message, Does.Contain("'nope'").And.Contain(fixture));
        var wrong = Assert.Throws<InvalidDataException>(() => _file.Get<MatCharArray>("d"));
        Assert.That(wrong!.Message, Does.Contain("'d'").And.Contain("char"));
    }
}
