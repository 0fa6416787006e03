# The seed's own pipeline, as a Python user writes it: one process per file runs np.loadtxt into a
# SharedMemory block, then the parent writes every array into one HDF5 file with h5py.
import sys, time
from multiprocessing import Process, Queue, resource_tracker, shared_memory
import numpy as np, h5py

DTYPE = np.dtype([('chr', 'S10'), ('pos', '<i4'), ('pct', '<f4'), ('c', '<i4'), ('t', '<i4')])

def load(path, queue):
    a = np.loadtxt(path, dtype=DTYPE, delimiter='\t')
    shm = shared_memory.SharedMemory(create=True, size=a.nbytes)
    np.ndarray(a.shape, DTYPE, buffer=shm.buf)[:] = a
    # Without this the child's resource tracker unlinks the block when the child exits, and the
    # parent gets "No such file or directory" (CPython issue 82300): the seed's vanishing memory.
    resource_tracker.unregister(shm._name, 'shared_memory')
    queue.put((path, shm.name, len(a)))
    shm.close()

def main(out, compression, files):
    queue = Queue()
    procs = [Process(target=load, args=(f, queue)) for f in files]
    for p in procs: p.start()
    results = [queue.get() for _ in files]
    for p in procs: p.join()
    opts = {'compression': 'gzip', 'compression_opts': 4, 'shuffle': True} if compression == 'gzip' else {}
    with h5py.File(out, 'w') as f:
        for path, name, rows in sorted(results):
            shm = shared_memory.SharedMemory(name=name)
            a = np.ndarray((rows,), DTYPE, buffer=shm.buf)
            f.create_dataset(path.rsplit('/', 1)[-1].split('.')[0], data=a, chunks=True if opts else None, **opts)
            del a
            shm.close(); shm.unlink()

if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
