namespace Fluxion.Distributed

open System
open System.Runtime.InteropServices
open System.Text

// ---------------------------------------------------------------------------------------------
// The binding to the system's MPI library, loaded at run time. MPI fixes the C API but not the ABI: Open MPI's
// handles (MPI_Comm, MPI_Datatype, MPI_Op, MPI_Errhandler) are pointers to exported globals (MPI_COMM_WORLD is
// &ompi_mpi_comm_world), MPICH and its derivatives (Intel MPI, MVAPICH, Cray MPICH) use integer handles. The
// constants below were checked against the installed headers (Debian 12: Open MPI 4.1.4's
// /usr/lib/x86_64-linux-gnu/openmpi/include/mpi.h and MPICH 4.0.2's /usr/include/x86_64-linux-gnu/mpich/mpi.h).
// Every function is declared once per convention (pointer or int handles) under the same entry point.
// Buffers are passed as byrefs, which the P/Invoke marshaller pins for the duration of the call.
// ---------------------------------------------------------------------------------------------

/// <summary>The MPI implementation family behind an <see cref="T:Fluxion.Distributed.MpiWorld"/>.</summary>
type MpiImplementation =
    /// <summary>No MPI library: the process runs alone (a world of one rank).</summary>
    | None = 0
    /// <summary>Open MPI (pointer handles).</summary>
    | OpenMpi = 1
    /// <summary>MPICH or an MPICH-ABI library (Intel MPI, MVAPICH, Cray MPICH; integer handles).</summary>
    | Mpich = 2

module internal Native =

    /// The name the P/Invoke declarations use; the resolver maps it to the library that was loaded.
    [<Literal>]
    let Library = "fluxion-system-mpi"

    // ----- no handle arguments ---------------------------------------------------------------

    [<DllImport(Library, EntryPoint = "MPI_Init_thread")>]
    extern int InitThread(nativeint argc, nativeint argv, int required, int& provided)

    [<DllImport(Library, EntryPoint = "MPI_Initialized")>]
    extern int Initialized(int& flag)

    [<DllImport(Library, EntryPoint = "MPI_Finalize")>]
    extern int Finalize()

    [<DllImport(Library, EntryPoint = "MPI_Finalized")>]
    extern int Finalized(int& flag)

    [<DllImport(Library, EntryPoint = "MPI_Get_library_version")>]
    extern int GetLibraryVersion(byte[] version, int& length)

    [<DllImport(Library, EntryPoint = "MPI_Error_string")>]
    extern int ErrorString(int code, byte[] text, int& length)

    // ----- Open MPI: pointer handles ---------------------------------------------------------

    [<DllImport(Library, EntryPoint = "MPI_Comm_set_errhandler")>]
    extern int CommSetErrhandlerP(nativeint comm, nativeint errhandler)

    [<DllImport(Library, EntryPoint = "MPI_Comm_rank")>]
    extern int CommRankP(nativeint comm, int& rank)

    [<DllImport(Library, EntryPoint = "MPI_Comm_size")>]
    extern int CommSizeP(nativeint comm, int& size)

    [<DllImport(Library, EntryPoint = "MPI_Barrier")>]
    extern int BarrierP(nativeint comm)

    [<DllImport(Library, EntryPoint = "MPI_Bcast")>]
    extern int BcastP(byte& buffer, int count, nativeint datatype, int root, nativeint comm)

    [<DllImport(Library, EntryPoint = "MPI_Allreduce")>]
    extern int AllreduceP(nativeint sendbuf, byte& recvbuf, int count, nativeint datatype, nativeint op, nativeint comm)

    [<DllImport(Library, EntryPoint = "MPI_Allgather")>]
    extern int AllgatherP(byte& sendbuf, int sendcount, nativeint sendtype, byte& recvbuf, int recvcount, nativeint recvtype, nativeint comm)

    // ----- MPICH family: integer handles -----------------------------------------------------

    [<DllImport(Library, EntryPoint = "MPI_Comm_set_errhandler")>]
    extern int CommSetErrhandlerI(int comm, int errhandler)

    [<DllImport(Library, EntryPoint = "MPI_Comm_rank")>]
    extern int CommRankI(int comm, int& rank)

    [<DllImport(Library, EntryPoint = "MPI_Comm_size")>]
    extern int CommSizeI(int comm, int& size)

    [<DllImport(Library, EntryPoint = "MPI_Barrier")>]
    extern int BarrierI(int comm)

    [<DllImport(Library, EntryPoint = "MPI_Bcast")>]
    extern int BcastI(byte& buffer, int count, int datatype, int root, int comm)

    [<DllImport(Library, EntryPoint = "MPI_Allreduce")>]
    extern int AllreduceI(nativeint sendbuf, byte& recvbuf, int count, int datatype, int op, int comm)

    [<DllImport(Library, EntryPoint = "MPI_Allgather")>]
    extern int AllgatherI(byte& sendbuf, int sendcount, int sendtype, byte& recvbuf, int recvcount, int recvtype, int comm)

/// The element types of a collective, as the header check and the handle tables number them.
type internal ElementType =
    | Int32 = 1
    | Float32 = 2
    | Float64 = 3

/// The reductions the binding passes to MPI.
type internal MpiOp =
    | Sum = 1
    | Max = 2
    | Min = 3

/// The handles of one implementation, as native integers (pointers for Open MPI, integer values for MPICH).
[<Sealed>]
type internal Handles(comm: nativeint, int32: nativeint, float32: nativeint, float64: nativeint, sum: nativeint, max: nativeint, min: nativeint, errorsReturn: nativeint, inPlace: nativeint) =
    member _.Comm = comm
    member _.ErrorsReturn = errorsReturn
    member _.InPlace = inPlace
    member _.Type(t: ElementType) =
        match t with
        | ElementType.Int32 -> int32
        | ElementType.Float32 -> float32
        | _ -> float64
    member _.Op(op: MpiOp) =
        match op with
        | MpiOp.Sum -> sum
        | MpiOp.Max -> max
        | _ -> min

    /// MPICH's mpi.h: MPI_COMM_WORLD 0x44000000, MPI_INT 0x4c000405, MPI_FLOAT 0x4c00040a, MPI_DOUBLE 0x4c00080b,
    /// MPI_SUM 0x58000003, MPI_MAX 0x58000001, MPI_MIN 0x58000002, MPI_ERRORS_RETURN 0x54000001, MPI_IN_PLACE (void*)-1.
    static member Mpich =
        Handles(0x44000000n, 0x4c000405n, 0x4c00040an, 0x4c00080bn, 0x58000003n, 0x58000001n, 0x58000002n, 0x54000001n, -1n)

    /// Open MPI's mpi.h: each handle is the address of an exported global (OMPI_PREDEFINED_GLOBAL); MPI_IN_PLACE is (void*)1.
    static member OpenMpi(library: nativeint) =
        let export name =
            match NativeLibrary.TryGetExport(library, name) with
            | true, address -> address
            | _ -> raise (InvalidOperationException($"The Open MPI library exports no '{name}': it is not the Open MPI ABI Fluxion.Distributed supports."))
        Handles(export "ompi_mpi_comm_world", export "ompi_mpi_int", export "ompi_mpi_float", export "ompi_mpi_double",
                export "ompi_mpi_op_sum", export "ompi_mpi_op_max", export "ompi_mpi_op_min", export "ompi_mpi_errors_return", 1n)

/// How this process was started: by an MPI launcher (and which), or alone.
[<Sealed>]
type internal Launch(launcher: string, evidence: string, expectedSize: int, candidates: string[]) =
    /// The launcher in words ("Open MPI's mpirun"); null when the process was not launched by MPI.
    member _.Launcher = launcher
    /// The environment variable that says so, with its value.
    member _.Evidence = evidence
    /// The number of ranks the launcher announced, or 0 when it does not say.
    member _.ExpectedSize = expectedSize
    /// The library names to try, in order.
    member _.Candidates = candidates
    member _.IsLaunched = not (isNull launcher)

module internal Launcher =

    let openMpiLibraries = [| "libmpi.so.40"; "libmpi.so" |]
    let mpichLibraries = [| "libmpich.so.12"; "libmpi.so.12"; "libmpich.so"; "libmpi.so" |]
    let anyLibraries = [| "libmpi.so.40"; "libmpich.so.12"; "libmpi.so.12"; "libmpich.so"; "libmpi.so" |]

    /// The environment variable that forces MPI on ("1") or off ("0") whatever the launcher variables say.
    [<Literal>]
    let ForceVariable = "FLUXION_MPI"

    /// The environment variable naming the MPI library (a file name or a path) to load instead of the search.
    [<Literal>]
    let LibraryVariable = "FLUXION_MPI_LIBRARY"

    /// Reads the launcher from environment variables (a lookup that returns null for unset variables).
    let detect (getenv: Func<string, string>) : Launch =
        let get (name: string) =
            match getenv.Invoke name with
            | null -> null
            | v when String.IsNullOrWhiteSpace v -> null
            | v -> v.Trim()
        let size (name: string) =
            match get name with
            | null -> 0
            | v ->
                match Int32.TryParse v with
                | true, n when n > 0 -> n
                | _ -> 0
        let shown (name: string) = name + "=" + get name
        let library = get LibraryVariable
        let pick (defaults: string[]) = if isNull library then defaults else [| library |]
        let notLaunched = Launch(null, null, 0, pick anyLibraries)
        match get ForceVariable with
        | "0" -> notLaunched
        | force ->
            if not (isNull (get "OMPI_COMM_WORLD_SIZE")) then
                Launch("Open MPI's mpirun", shown "OMPI_COMM_WORLD_SIZE", size "OMPI_COMM_WORLD_SIZE", pick openMpiLibraries)
            elif not (isNull (get "PMI_SIZE")) || not (isNull (get "PMI_RANK")) then
                let evidence = if isNull (get "PMI_SIZE") then shown "PMI_RANK" else shown "PMI_SIZE"
                Launch("a PMI launcher (MPICH's mpiexec, Intel MPI, srun --mpi=pmi2)", evidence, size "PMI_SIZE", pick mpichLibraries)
            elif not (isNull (get "PMIX_RANK")) then
                Launch("a PMIx launcher (srun --mpi=pmix, prterun)", shown "PMIX_RANK", 0, pick anyLibraries)
            elif force = "1" then
                Launch("FLUXION_MPI=1", "FLUXION_MPI=1", 0, pick anyLibraries)
            else
                notLaunched

    /// The environment of this process.
    let current () = detect (Func<string, string>(Environment.GetEnvironmentVariable))

    /// The Debian packages that provide the libraries, for error messages.
    let packages =
        "Install an MPI: on Debian/Ubuntu `apt-get install openmpi-bin libopenmpi-dev` (Open MPI; the runtime library "
        + "alone is libopenmpi3) or `apt-get install mpich libmpich-dev` (MPICH; the runtime library alone is libmpich12); "
        + "on a cluster, load the site's MPI module. Or set FLUXION_MPI_LIBRARY to the library's path."

/// The MPI library loaded into this process (at most one, never unloaded).
module internal Library =

    let mutable private handle = 0n
    let mutable private path: string = null
    let private gate = obj ()

    let private resolver =
        DllImportResolver(fun name _ _ -> if name = Native.Library then handle else 0n)

    let private registered =
        lazy (NativeLibrary.SetDllImportResolver(typeof<Launch>.Assembly, resolver))

    /// Loads the first candidate that loads; every failure is named in the exception.
    let load (launch: Launch) : struct (nativeint * string) =
        lock gate (fun () ->
            if handle <> 0n then
                struct (handle, path)
            else
                registered.Force()
                let failures = StringBuilder()
                let mutable found = false
                for candidate in launch.Candidates do
                    if not found then
                        try
                            // RTLD_GLOBAL is not needed: Debian's Open MPI and MPICH load their plug-ins against
                            // their own libraries (checked with both, 2 ranks).
                            handle <- NativeLibrary.Load candidate
                            path <- candidate
                            found <- true
                        with :? DllNotFoundException as e ->
                            failures.Append($"\n  {candidate}: {e.Message}") |> ignore
                if not found then
                    let how = if launch.IsLaunched then $"This process was launched by {launch.Launcher} ({launch.Evidence})" else "MPI was requested"
                    raise (DllNotFoundException($"{how}, but no MPI library could be loaded. Tried:{failures}\n{Launcher.packages}"))
                struct (handle, path))

    /// A C string written by MPI into a byte buffer, of the given length.
    let text (buffer: byte[]) (length: int) =
        let n = max 0 (min length buffer.Length)
        let n = match Array.IndexOf(buffer, 0uy, 0, n) with -1 -> n | z -> z
        Encoding.UTF8.GetString(buffer, 0, n).Trim()

    /// MPI_Get_library_version (callable before MPI_Init).
    let version () =
        let buffer = Array.zeroCreate<byte> 8192
        let mutable length = 0
        if Native.GetLibraryVersion(buffer, &length) <> 0 then "" else text buffer length

    /// The implementation family of the loaded library.
    let implementation (library: nativeint) (libraryPath: string) (version: string) =
        match NativeLibrary.TryGetExport(library, "ompi_mpi_comm_world") with
        | true, _ -> MpiImplementation.OpenMpi
        | _ ->
            let v = version.ToUpperInvariant()
            if v.Contains "MPICH" || v.Contains "INTEL(R) MPI" || v.Contains "MVAPICH" then
                MpiImplementation.Mpich
            else
                let first = (version.Split('\n')[0]).Trim()
                raise (NotSupportedException($"The MPI library {libraryPath} ('{first}') is neither Open MPI nor of the MPICH family: Fluxion.Distributed knows the handle conventions of those two only."))
