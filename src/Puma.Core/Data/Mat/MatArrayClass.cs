namespace Puma.Data.Mat;

/// <summary>The MATLAB array classes (the <c>mxCLASS</c> byte of a MAT-file v5 array-flags sub-element).</summary>
public enum MatArrayClass
{
    /// <summary>Cell array (<c>mxCELL_CLASS</c>).</summary>
    Cell = 1,

    /// <summary>Structure array (<c>mxSTRUCT_CLASS</c>).</summary>
    Struct = 2,

    /// <summary>MATLAB object (<c>mxOBJECT_CLASS</c>); not supported by the reader.</summary>
    Object = 3,

    /// <summary>Character array (<c>mxCHAR_CLASS</c>).</summary>
    Char = 4,

    /// <summary>Sparse matrix (<c>mxSPARSE_CLASS</c>); not supported by the reader.</summary>
    Sparse = 5,

    /// <summary>Double-precision array.</summary>
    Double = 6,

    /// <summary>Single-precision array.</summary>
    Single = 7,

    /// <summary>Signed 8-bit array.</summary>
    Int8 = 8,

    /// <summary>Unsigned 8-bit array (also logical arrays).</summary>
    UInt8 = 9,

    /// <summary>Signed 16-bit array.</summary>
    Int16 = 10,

    /// <summary>Unsigned 16-bit array.</summary>
    UInt16 = 11,

    /// <summary>Signed 32-bit array.</summary>
    Int32 = 12,

    /// <summary>Unsigned 32-bit array.</summary>
    UInt32 = 13,

    /// <summary>Signed 64-bit array.</summary>
    Int64 = 14,

    /// <summary>Unsigned 64-bit array.</summary>
    UInt64 = 15,
}
