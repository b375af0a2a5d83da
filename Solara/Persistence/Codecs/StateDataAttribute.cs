namespace Solara.Persistence.Codecs;

/// <summary>Marks a class or struct that is not a C# <c>record</c> as a data class the state
/// codecs may store and re-create: its state is its public properties (and fields) that a public
/// constructor takes by name or that have a public setter. Without this mark (or being a record
/// or an enum) a type is never instantiated from stored data.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class StateDataAttribute : Attribute
{
}
