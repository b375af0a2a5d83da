using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Solara.Persistence;

/// <summary>Where a persisted value was defined: what the compiler passes as
/// <c>[CallerFilePath]</c>, <c>[CallerLineNumber]</c> and <c>[CallerMemberName]</c>, the method that
/// ran the creating expression, and the type of the object being created (the holder, e.g.
/// <c>Reactive&lt;T&gt;</c>).</summary>
public sealed record CallerInfo(string FilePath, int LineNumber, string MemberName, MethodBase? CreatingMethod = null, Type? Holder = null)
{
    /// <summary>Call from the holder's constructor with its caller attributes: finds the creating
    /// method by walking the stack past this method and every frame of <paramref name="holder"/>
    /// (its constructor and any overloads it chains to), so JIT inlining of those frames does not
    /// change the answer.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static CallerInfo Capture(Type holder, string filePath, int lineNumber, string memberName)
    {
        foreach (StackFrame frame in new StackTrace(1, fNeedFileInfo: false).GetFrames())
        {
            if (frame.GetMethod() is not { } method || IsHolder(method.DeclaringType, holder))
                continue;
            return new CallerInfo(filePath, lineNumber, memberName, method, holder);
        }
        return new CallerInfo(filePath, lineNumber, memberName, null, holder);
    }

    /// <summary>The definition site as <c>file:line</c>.</summary>
    public string Location => $"{FilePath}:{LineNumber}";

    private static bool IsHolder(Type? declaring, Type holder) =>
        declaring is not null && (declaring == holder
            || (declaring.IsGenericType && holder.IsGenericType && declaring.GetGenericTypeDefinition() == holder.GetGenericTypeDefinition()));
}
