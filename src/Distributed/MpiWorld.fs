namespace Fluxion.Distributed

open System
open System.Runtime.InteropServices

/// <summary>The reduction an all-reduce applies, element by element, across the ranks.</summary>
type ReduceOperation =
    /// <summary>The sum over the ranks.</summary>
    | Sum = 0
    /// <summary>The sum over the ranks divided by the number of ranks.</summary>
    | Mean = 1
    /// <summary>The largest value over the ranks.</summary>
    | Max = 2
    /// <summary>The smallest value over the ranks.</summary>
    | Min = 3

/// <summary>An MPI function returned an error code.</summary>
type MpiException(message: string, errorCode: int) =
    inherit Exception(message)
    /// <summary>The MPI error code (0 when the error was found by Fluxion rather than returned by MPI).</summary>
    member _.ErrorCode = errorCode

/// <summary>
/// The ranks called a collective with arguments that do not fit together (buffer lengths, element types, roots,
/// reductions or the collective itself). Every rank throws it, after a small agreement step, instead of
/// hanging or exchanging mismatched buffers.
/// </summary>
type MpiMismatchException(message: string) =
    inherit InvalidOperationException(message)

/// The kinds of collective, numbered for the agreement header.
type internal Collective =
    | Barrier = 1
    | Broadcast = 2
    | AllReduce = 3
    | AllGather = 4

/// <summary>
/// The MPI world of this process (MPI_COMM_WORLD): its rank and size and the collectives Fluxion needs (barrier,
/// broadcast, all-reduce, all-gather) on spans of float32, float64 and int32. <see cref="M:Fluxion.Distributed.MpiWorld.Initialize"/>
/// calls MPI_Init_thread, <see cref="M:Fluxion.Distributed.MpiWorld.Dispose"/> calls MPI_Finalize; after that every
/// member throws <see cref="T:System.ObjectDisposedException"/>.
/// </summary>
/// <remarks>
/// <para>
/// The library is found at run time: under Open MPI's <c>mpirun</c> (OMPI_COMM_WORLD_SIZE set) libmpi.so.40, under a
/// PMI launcher (MPICH's <c>mpiexec</c>, Intel MPI, <c>srun --mpi=pmi2</c>: PMI_SIZE or PMI_RANK set) libmpich.so.12,
/// under PMIx (PMIX_RANK) either; FLUXION_MPI_LIBRARY names another library, FLUXION_MPI=1 forces MPI on and
/// FLUXION_MPI=0 off. A process started without a launcher is a world of one rank that needs no MPI library at all
/// (<see cref="P:Fluxion.Distributed.MpiWorld.IsSingleProcess"/>), so the same program runs on a laptop and on a cluster.
/// </para>
/// <para>
/// Before each collective the ranks all-reduce a small header (the collective, element type, length, root or
/// reduction, each with its negation under MPI_MAX, so the maximum and the minimum arrive together): when they
/// disagree every rank throws <see cref="T:Fluxion.Distributed.MpiMismatchException"/>. Calls are serialised
/// (MPI_THREAD_SERIALIZED): any thread may call, one at a time.
/// </para>
/// </remarks>
/// <example><code>using var world = MpiWorld.Initialize();
/// double[] g = ComputeLocalGradient();
/// world.AllReduce(g, ReduceOperation.Mean);   // every rank now holds the mean</code></example>
[<Sealed; AllowNullLiteral>]
type MpiWorld private (implementation: MpiImplementation, handles: Handles, rank: int, size: int, launch: Launch, libraryPath: string, libraryVersion: string, threadLevel: int) =
    static let gate = obj ()
    static let mutable active: MpiWorld = null
    static let mutable mpiFinalized = false
    let mutable disposed = false
    let openMpi = implementation = MpiImplementation.OpenMpi
    let header = Array.zeroCreate<int> 9

    static let requiredThreadLevel = 2 // MPI_THREAD_SERIALIZED in both mpi.h files

    static let errorText (code: int) =
        let buffer = Array.zeroCreate<byte> 1024
        let mutable length = 0
        if Native.ErrorString(code, buffer, &length) = 0 then Library.text buffer length else "(no description)"

    static let check (fn: string) (code: int) =
        if code <> 0 then raise (MpiException($"{fn} failed with MPI error {code}: {errorText code}", code))

    /// <summary>
    /// The world of this process: a real MPI world when the process was started by an MPI launcher (mpirun, mpiexec,
    /// srun), else a world of one rank that loads no MPI library.
    /// </summary>
    /// <exception cref="T:System.InvalidOperationException">A world is already active in this process, or a real MPI world was finalised here already (MPI cannot be initialised twice; a world of one may be created again).</exception>
    /// <exception cref="T:System.DllNotFoundException">The process was launched by MPI but no MPI library loads; the message names the packages to install.</exception>
    /// <exception cref="T:Fluxion.Distributed.MpiException">MPI_Init_thread failed, or the library's world does not have the size the launcher announced (a launcher and a library from different MPI installations).</exception>
    static member Initialize() : MpiWorld = MpiWorld.Initialize(Launcher.current ())

    static member internal Initialize(launch: Launch) : MpiWorld =
        lock gate (fun () ->
            if not (isNull active) then
                raise (InvalidOperationException "An MpiWorld is already active in this process: use it, or dispose it before initialising another.")
            let world =
                if not launch.IsLaunched then
                    new MpiWorld(MpiImplementation.None, Handles.Mpich, 0, 1, launch, null, null, requiredThreadLevel)
                else
                    if mpiFinalized then
                        raise (InvalidOperationException "MPI was finalised in this process (an MpiWorld was disposed): MPI cannot be initialised again in the same process.")
                    let struct (library, path) = Library.load launch
                    let version = Library.version ()
                    let implementation = Library.implementation library path version
                    let handles = if implementation = MpiImplementation.OpenMpi then Handles.OpenMpi library else Handles.Mpich
                    let mutable flag = 0
                    check "MPI_Initialized" (Native.Initialized(&flag))
                    if flag <> 0 then
                        raise (InvalidOperationException "MPI is already initialised in this process by other code: Fluxion.Distributed owns MPI's lifetime (MpiWorld.Initialize and Dispose).")
                    let mutable provided = 0
                    check "MPI_Init_thread" (Native.InitThread(0n, 0n, requiredThreadLevel, &provided))
                    let openMpi = implementation = MpiImplementation.OpenMpi
                    let comm = handles.Comm
                    // Errors come back as codes (and become MpiException) instead of aborting every rank.
                    check "MPI_Comm_set_errhandler"
                        (if openMpi then Native.CommSetErrhandlerP(comm, handles.ErrorsReturn)
                         else Native.CommSetErrhandlerI(int comm, int handles.ErrorsReturn))
                    let mutable r = 0
                    let mutable s = 0
                    check "MPI_Comm_rank" (if openMpi then Native.CommRankP(comm, &r) else Native.CommRankI(int comm, &r))
                    check "MPI_Comm_size" (if openMpi then Native.CommSizeP(comm, &s) else Native.CommSizeI(int comm, &s))
                    if launch.ExpectedSize > 0 && s <> launch.ExpectedSize then
                        Native.Finalize() |> ignore
                        mpiFinalized <- true
                        raise (MpiException($"This process was launched by {launch.Launcher} as one of {launch.ExpectedSize} ranks ({launch.Evidence}), but the MPI library {path} sees a world of {s}: the launcher and the library belong to different MPI installations. Launch with the library's own mpirun/mpiexec, or set FLUXION_MPI_LIBRARY to the launcher's library.", 0))
                    new MpiWorld(implementation, handles, r, s, launch, path, version, provided)
            active <- world
            world)

    /// <summary>The rank of this process, 0 … Size − 1.</summary>
    member this.Rank =
        this.Alive()
        rank
    /// <summary>The number of processes (ranks).</summary>
    member this.Size =
        this.Alive()
        size
    /// <summary>True on rank 0, the rank that broadcasts initial parameters and reports results.</summary>
    member this.IsRoot =
        this.Alive()
        rank = 0
    /// <summary>True when the process was not started by an MPI launcher: a world of one rank, with no MPI library loaded; every collective is then the identity.</summary>
    member this.IsSingleProcess =
        this.Alive()
        implementation = MpiImplementation.None
    /// <summary>The MPI implementation family loaded (<c>None</c> for a single process).</summary>
    member this.Implementation =
        this.Alive()
        implementation
    /// <summary>The library that was loaded (as it was named when loading), or the empty string for a single process.</summary>
    member this.LibraryPath =
        this.Alive()
        (if isNull libraryPath then "" else libraryPath)
    /// <summary>MPI_Get_library_version's text, or the empty string for a single process.</summary>
    member this.LibraryVersion =
        this.Alive()
        (if isNull libraryVersion then "" else libraryVersion)
    /// <summary>The launcher that started the process, in words ("Open MPI's mpirun"), or the empty string for a single process.</summary>
    member this.Launcher =
        this.Alive()
        (if isNull launch.Launcher then "" else launch.Launcher)
    /// <summary>The thread level MPI granted (0 single, 1 funneled, 2 serialized, 3 multiple); Fluxion asks for 2.</summary>
    member this.ThreadLevel =
        this.Alive()
        threadLevel
    /// <summary>True once the world is disposed (MPI finalised).</summary>
    member _.IsDisposed = disposed

    member private _.Alive() =
        if disposed then
            raise (ObjectDisposedException(nameof MpiWorld, "The MPI world was disposed (MPI_Finalize was called): no MPI call can follow it in this process."))

    member private _.Run(fn: string, code: int) = check fn code

    /// The agreement step: every rank contributes its view of the collective and whether its own arguments are
    /// valid (problem: the exception this rank's arguments call for, or null). A rank with a problem throws it; when
    /// another rank has one, or any view differs, every other rank throws MpiMismatchException. So a bad call on one
    /// rank ends the collective on every rank instead of leaving the others waiting.
    member private this.Agree(name: string, kind: Collective, elementType: ElementType, count: int, extra: int, extraName: string, problem: exn) =
        if implementation = MpiImplementation.None then
            if not (isNull problem) then raise problem
        else
            header[0] <- int kind
            header[1] <- -(int kind)
            header[2] <- int elementType
            header[3] <- -(int elementType)
            header[4] <- count
            header[5] <- -count
            header[6] <- extra
            header[7] <- -extra
            header[8] <- (if isNull problem then 0 else 1)
            let bytes = MemoryMarshal.AsBytes(Span<int>(header))
            let c = handles.Comm
            let t = handles.Type ElementType.Int32
            let op = handles.Op MpiOp.Max
            this.Run("MPI_Allreduce",
                     if openMpi then Native.AllreduceP(handles.InPlace, &MemoryMarshal.GetReference bytes, header.Length, t, op, c)
                     else Native.AllreduceI(handles.InPlace, &MemoryMarshal.GetReference bytes, header.Length, int t, int op, int c))
            if not (isNull problem) then raise problem
            if header[8] <> 0 then
                raise (MpiMismatchException($"{name} on rank {rank}: another rank passed invalid arguments to this collective (its exception names them); no data was exchanged."))
            let differs i = header[i] <> -header[i + 1]
            let range i = $"from {-header[i + 1]} to {header[i]}"
            if differs 0 then
                raise (MpiMismatchException($"{name} on rank {rank}: the ranks called different collectives at the same point (codes {range 0}: 1 barrier, 2 broadcast, 3 all-reduce, 4 all-gather)."))
            if differs 2 then
                raise (MpiMismatchException($"{name} on rank {rank}: the ranks passed different element types (codes {range 2}: 1 int32, 2 float32, 3 float64)."))
            if differs 4 then
                raise (MpiMismatchException($"{name} on rank {rank}: the ranks passed buffers of different lengths ({range 4} elements; this rank {count})."))
            if differs 6 then
                raise (MpiMismatchException($"{name} on rank {rank}: the ranks passed different {extraName} ({range 6}; this rank {extra})."))

    /// Takes the world's lock (calls are serialised) and checks that the world is alive. Span arguments cannot be
    /// captured by closures, so the collectives pair Enter with Exit in try/finally.
    member private this.Enter() =
        Threading.Monitor.Enter header
        try
            this.Alive()
        with _ ->
            Threading.Monitor.Exit header
            reraise ()

    member private _.Exit() = Threading.Monitor.Exit header

    /// <summary>Blocks until every rank has called it.</summary>
    /// <exception cref="T:Fluxion.Distributed.MpiMismatchException">Another rank called a different collective at this point.</exception>
    member this.Barrier() =
        this.Enter()
        try
            this.Agree("Barrier", Collective.Barrier, ElementType.Int32, 0, 0, "roots", null)
            if implementation <> MpiImplementation.None then
                this.Run("MPI_Barrier", if openMpi then Native.BarrierP handles.Comm else Native.BarrierI(int handles.Comm))
        finally
            this.Exit()

    member private this.BroadcastBytes(bytes: Span<byte>, count: int, elementType: ElementType, root: int) =
        this.Enter()
        try
            let problem =
                if root < 0 || root >= size then ArgumentOutOfRangeException(nameof root, root, $"The root must be a rank, 0 … {size - 1}.") :> exn
                else null
            this.Agree("Broadcast", Collective.Broadcast, elementType, count, root, "roots", problem)
            if implementation <> MpiImplementation.None then
                let t = handles.Type elementType
                this.Run("MPI_Bcast",
                         if openMpi then Native.BcastP(&MemoryMarshal.GetReference bytes, count, t, root, handles.Comm)
                         else Native.BcastI(&MemoryMarshal.GetReference bytes, count, int t, root, int handles.Comm))
        finally
            this.Exit()

    /// <summary>Overwrites buffer on every rank with root's buffer (MPI_Bcast).</summary>
    /// <param name="buffer">The data: read on root, written elsewhere. Every rank passes the same length.</param>
    /// <param name="root">The rank whose data is sent.</param>
    /// <exception cref="T:System.ArgumentOutOfRangeException">root is not a rank.</exception>
    /// <exception cref="T:Fluxion.Distributed.MpiMismatchException">The ranks passed different lengths, element types or roots, or another rank's arguments were invalid.</exception>
    member this.Broadcast(buffer: Span<double>, root: int) =
        this.BroadcastBytes(MemoryMarshal.AsBytes buffer, buffer.Length, ElementType.Float64, root)

    /// <summary>Overwrites buffer on every rank with root's buffer (MPI_Bcast).</summary>
    /// <param name="buffer">The data: read on root, written elsewhere. Every rank passes the same length.</param>
    /// <param name="root">The rank whose data is sent.</param>
    member this.Broadcast(buffer: Span<float32>, root: int) =
        this.BroadcastBytes(MemoryMarshal.AsBytes buffer, buffer.Length, ElementType.Float32, root)

    /// <summary>Overwrites buffer on every rank with root's buffer (MPI_Bcast).</summary>
    /// <param name="buffer">The data: read on root, written elsewhere. Every rank passes the same length.</param>
    /// <param name="root">The rank whose data is sent.</param>
    member this.Broadcast(buffer: Span<int>, root: int) =
        this.BroadcastBytes(MemoryMarshal.AsBytes buffer, buffer.Length, ElementType.Int32, root)

    member private this.ReduceBytes(bytes: Span<byte>, count: int, elementType: ElementType, operation: ReduceOperation, problem: exn) =
        this.Enter()
        try
            let problem =
                if not (isNull problem) then problem
                elif not (Enum.IsDefined operation) then ArgumentOutOfRangeException(nameof operation, operation, "Unknown reduction.") :> exn
                elif operation = ReduceOperation.Mean && elementType = ElementType.Int32 then
                    ArgumentException("The mean of integers is not an integer: reduce with Sum and divide.", nameof operation) :> exn
                else null
            this.Agree("AllReduce", Collective.AllReduce, elementType, count, int operation, "reductions (codes 0 sum, 1 mean, 2 max, 3 min)", problem)
            if implementation <> MpiImplementation.None then
                let op =
                    match operation with
                    | ReduceOperation.Max -> MpiOp.Max
                    | ReduceOperation.Min -> MpiOp.Min
                    | _ -> MpiOp.Sum
                let t = handles.Type elementType
                let o = handles.Op op
                this.Run("MPI_Allreduce",
                         if openMpi then Native.AllreduceP(handles.InPlace, &MemoryMarshal.GetReference bytes, count, t, o, handles.Comm)
                         else Native.AllreduceI(handles.InPlace, &MemoryMarshal.GetReference bytes, count, int t, int o, int handles.Comm))
        finally
            this.Exit()

    /// An all-reduce in which this rank may report a problem with its own arguments (thrown here, and as
    /// MpiMismatchException on the other ranks) instead of contributing data.
    member internal this.AllReduce(buffer: Span<double>, operation: ReduceOperation, problem: exn) =
        this.ReduceBytes(MemoryMarshal.AsBytes buffer, buffer.Length, ElementType.Float64, operation, problem)
        if operation = ReduceOperation.Mean && size > 1 then
            Numerics.Tensors.TensorPrimitives.Divide(Span<double>.op_Implicit buffer, float size, buffer)

    /// See the float64 overload.
    member internal this.AllReduce(buffer: Span<float32>, operation: ReduceOperation, problem: exn) =
        this.ReduceBytes(MemoryMarshal.AsBytes buffer, buffer.Length, ElementType.Float32, operation, problem)
        if operation = ReduceOperation.Mean && size > 1 then
            Numerics.Tensors.TensorPrimitives.Divide(Span<float32>.op_Implicit buffer, float32 size, buffer)

    /// <summary>
    /// Replaces buffer on every rank by the element-wise reduction of all ranks' buffers (MPI_Allreduce in place).
    /// <c>Mean</c> is the MPI sum divided by <see cref="P:Fluxion.Distributed.MpiWorld.Size"/> (correctly rounded division).
    /// </summary>
    /// <param name="buffer">This rank's values in, the reduction out. Every rank passes the same length.</param>
    /// <param name="operation">The reduction.</param>
    /// <exception cref="T:Fluxion.Distributed.MpiMismatchException">The ranks passed different lengths, element types or reductions, or another rank's arguments were invalid.</exception>
    member this.AllReduce(buffer: Span<double>, operation: ReduceOperation) = this.AllReduce(buffer, operation, null)

    /// <summary>Replaces buffer on every rank by the element-wise reduction of all ranks' buffers (MPI_Allreduce in place).</summary>
    /// <param name="buffer">This rank's values in, the reduction out. Every rank passes the same length.</param>
    /// <param name="operation">The reduction.</param>
    /// <exception cref="T:Fluxion.Distributed.MpiMismatchException">The ranks passed different lengths, element types or reductions, or another rank's arguments were invalid.</exception>
    member this.AllReduce(buffer: Span<float32>, operation: ReduceOperation) = this.AllReduce(buffer, operation, null)

    /// <summary>Replaces buffer on every rank by the element-wise reduction of all ranks' buffers; <c>Mean</c> is refused for integers.</summary>
    /// <param name="buffer">This rank's values in, the reduction out. Every rank passes the same length.</param>
    /// <param name="operation">Sum, Max or Min.</param>
    /// <exception cref="T:System.ArgumentException">operation is Mean (an integer mean would be rounded).</exception>
    member this.AllReduce(buffer: Span<int>, operation: ReduceOperation) =
        this.ReduceBytes(MemoryMarshal.AsBytes buffer, buffer.Length, ElementType.Int32, operation, null)

    /// <summary>The reduction of one value over the ranks (a loss to report, a count).</summary>
    /// <param name="value">This rank's value.</param>
    /// <param name="operation">The reduction.</param>
    member this.AllReduce(value: double, operation: ReduceOperation) : double =
        let one = [| value |]
        this.AllReduce(Span<double>(one), operation, null)
        one[0]

    /// All-gather with an extra value the ranks must agree on (Ensemble's task count) and an optional local problem.
    member internal this.AllGather(local: ReadOnlySpan<double>, all: Span<double>, extra: int, extraName: string, problem: exn) =
        this.Enter()
        try
            let problem =
                if not (isNull problem) then problem
                elif int64 all.Length <> int64 local.Length * int64 size then
                    ArgumentException($"all has {all.Length} elements; {size} ranks of {local.Length} need {int64 local.Length * int64 size}.", nameof all) :> exn
                else null
            this.Agree("AllGather", Collective.AllGather, ElementType.Float64, local.Length, extra, extraName, problem)
            if implementation = MpiImplementation.None then
                local.CopyTo all
            else
                let t = handles.Type ElementType.Float64
                // MPI's send buffer is const: the byref only pins it.
                let send = MemoryMarshal.AsBytes local
                let recv = MemoryMarshal.AsBytes all
                this.Run("MPI_Allgather",
                         if openMpi then Native.AllgatherP(&MemoryMarshal.GetReference send, local.Length, t, &MemoryMarshal.GetReference recv, local.Length, t, handles.Comm)
                         else Native.AllgatherI(&MemoryMarshal.GetReference send, local.Length, int t, &MemoryMarshal.GetReference recv, local.Length, int t, int handles.Comm))
        finally
            this.Exit()

    /// <summary>
    /// Every rank's block, concatenated in rank order, on every rank (MPI_Allgather): all[r·n … r·n + n − 1] is rank
    /// r's local block, n = local.Length.
    /// </summary>
    /// <param name="local">This rank's block. Every rank passes the same length.</param>
    /// <param name="all">Receives Size blocks.</param>
    /// <exception cref="T:System.ArgumentException">all does not hold exactly Size × local.Length elements.</exception>
    /// <exception cref="T:Fluxion.Distributed.MpiMismatchException">The ranks passed blocks of different lengths, or another rank's arguments were invalid.</exception>
    member this.AllGather(local: ReadOnlySpan<double>, all: Span<double>) = this.AllGather(local, all, 0, "values", null)

    /// <summary>Finalises MPI (MPI_Finalize); idempotent. Every member but this one and <c>IsDisposed</c> then throws.</summary>
    member this.Dispose() =
        lock gate (fun () ->
            Threading.Monitor.Enter header
            try
                if not disposed then
                    disposed <- true
                    if obj.ReferenceEquals(active, this) then active <- null
                    if implementation <> MpiImplementation.None then
                        mpiFinalized <- true
                        let mutable flag = 0
                        check "MPI_Finalized" (Native.Finalized(&flag))
                        if flag = 0 then check "MPI_Finalize" (Native.Finalize())
            finally
                Threading.Monitor.Exit header)

    /// <summary>A one-line description: the rank, size and library.</summary>
    override _.ToString() =
        if implementation = MpiImplementation.None then "MpiWorld: a single process (rank 0 of 1, no MPI launcher)"
        elif disposed then "MpiWorld: finalised"
        else $"MpiWorld: rank {rank} of {size}, {implementation} ({libraryPath})"

    interface IDisposable with
        member this.Dispose() = this.Dispose()
