# fish completion for alluxio. Generated from the command tree by alluxio_gendocs; do not edit.
# Regenerate with scripts/gen-docs.sh. Alluxio paths complete with `alluxio fs ls` on the typed
# directory (ALLUXIO_COMPLETION_REMOTE=0 turns that off; ALLUXIO_COMPLETION_TIMEOUT, default 2s).

function __alluxio_subcommands  # $argv[1]: command path
    switch $argv[1]
        case ''
            printf '%s\n' 'conf' 'format' 'fs' 'fsadmin' 'local' 'master' 'mount' 'process' 'proxy' 'shell' 'version' 'worker'
        case 'conf'
            printf '%s\n' 'get' 'list'
        case 'fs'
            printf '%s\n' 'cat' 'checksum' 'chgrp' 'chmod' 'chown' 'copyFromLocal' 'copyToLocal' 'count' 'cp' 'du' 'free' 'getCapacityBytes' 'getUsedBytes' 'head' 'help' 'load' 'loadMetadata' 'location' 'ls' 'mkdir' 'mount' 'mv' 'persist' 'pin' 'rm' 'setTtl' 'stat' 'tail' 'test' 'touch' 'unmount' 'unpin' 'unsetTtl'
        case 'fsadmin'
            printf '%s\n' 'report'
        case 'mount'
            printf '%s\n' 'add' 'list' 'remove'
        case 'process'
            printf '%s\n' 'start' 'status' 'stop'
    end
end

function __alluxio_option_value  # $argv[1]: command path, $argv[2]: option. Prints the kind of value
    switch $argv[1]
        case ''
            switch $argv[2]
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'conf'
            switch $argv[2]
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'conf get'
            switch $argv[2]
                case '--unit'
                    echo 'text'
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'conf list'
            switch $argv[2]
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'format'
            switch $argv[2]
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'fs'
            switch $argv[2]
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'fs cat'
            switch $argv[2]
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'fs checksum'
            switch $argv[2]
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'fs chgrp'
            switch $argv[2]
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'fs chmod'
            switch $argv[2]
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'fs chown'
            switch $argv[2]
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'fs copyFromLocal'
            switch $argv[2]
                case '--buffersize'
                    echo 'text'
                case '--thread'
                    echo 'text'
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'fs copyToLocal'
            switch $argv[2]
                case '--buffersize'
                    echo 'text'
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'fs count'
            switch $argv[2]
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'fs cp'
            switch $argv[2]
                case '--buffersize'
                    echo 'text'
                case '--thread'
                    echo 'text'
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'fs du'
            switch $argv[2]
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'fs free'
            switch $argv[2]
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'fs getCapacityBytes'
            switch $argv[2]
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'fs getUsedBytes'
            switch $argv[2]
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'fs head'
            switch $argv[2]
                case '-c'
                    echo 'text'
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'fs help'
            switch $argv[2]
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'fs load'
            switch $argv[2]
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'fs loadMetadata'
            switch $argv[2]
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'fs location'
            switch $argv[2]
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'fs ls'
            switch $argv[2]
                case '--sort'
                    echo 'choice creationTime inMemoryPercentage lastAccessTime lastModificationTime name path size'
                case '--timestamp'
                    echo 'choice creationTime lastAccessTime lastModificationTime'
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'fs mkdir'
            switch $argv[2]
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'fs mount'
            switch $argv[2]
                case '--option'
                    echo 'assign'
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'fs mv'
            switch $argv[2]
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'fs persist'
            switch $argv[2]
                case '-p' '--parallelism'
                    echo 'text'
                case '-t' '--timeout'
                    echo 'text'
                case '-w' '--wait'
                    echo 'text'
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'fs pin'
            switch $argv[2]
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'fs rm'
            switch $argv[2]
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'fs setTtl'
            switch $argv[2]
                case '--action'
                    echo 'choice delete delete_alluxio free'
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'fs stat'
            switch $argv[2]
                case '-f'
                    echo 'text'
                case '--file-id'
                    echo 'text'
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'fs tail'
            switch $argv[2]
                case '-c'
                    echo 'text'
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'fs test'
            switch $argv[2]
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'fs touch'
            switch $argv[2]
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'fs unmount'
            switch $argv[2]
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'fs unpin'
            switch $argv[2]
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'fs unsetTtl'
            switch $argv[2]
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'fsadmin'
            switch $argv[2]
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'fsadmin report'
            switch $argv[2]
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'local'
            switch $argv[2]
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'master'
            switch $argv[2]
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'mount'
            switch $argv[2]
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'mount add'
            switch $argv[2]
                case '--option'
                    echo 'assign'
                case '--path'
                    echo 'apath'
                case '--ufs-uri'
                    echo 'file'
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'mount list'
            switch $argv[2]
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'mount remove'
            switch $argv[2]
                case '--path'
                    echo 'apath'
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'process'
            switch $argv[2]
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'process start'
            switch $argv[2]
                case '--timeout'
                    echo 'text'
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'process status'
            switch $argv[2]
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'process stop'
            switch $argv[2]
                case '--timeout'
                    echo 'text'
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'proxy'
            switch $argv[2]
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'shell'
            switch $argv[2]
                case '-c' '--command'
                    echo 'text'
                case '--history-file'
                    echo 'file'
                case '--proxy'
                    echo 'text'
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'version'
            switch $argv[2]
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
        case 'worker'
            switch $argv[2]
                case '-D' '--conf'
                    echo 'assign'
                case '--conf-dir'
                    echo 'dir'
            end
    end
end

function __alluxio_keys  # configuration keys with their descriptions
    printf '%s\t%s\n' \
        'alluxio.conf.dir' 'Directory holding alluxio-site.properties; set to the directory the site file was found in' \
        'alluxio.fuse.web.port' 'Port of the FUSE process\'s web server' \
        'alluxio.home' 'Installation directory of Alluxio' \
        'alluxio.job.master.embedded.journal.port' 'Embedded journal port of the job master' \
        'alluxio.job.master.rpc.port' 'RPC port of the job master' \
        'alluxio.job.master.web.port' 'Web port of the job master' \
        'alluxio.job.worker.data.port' 'Data port of the job worker' \
        'alluxio.job.worker.rpc.port' 'RPC port of the job worker' \
        'alluxio.job.worker.web.port' 'Web port of the job worker' \
        'alluxio.logs.dir' 'Directory for log files' \
        'alluxio.master.bind.host' 'Address the master\'s RPC server listens on' \
        'alluxio.master.embedded.journal.addresses' 'Comma-separated host:port list of the embedded journal masters (high availability)' \
        'alluxio.master.embedded.journal.port' 'Port of the master\'s embedded journal (Raft)' \
        'alluxio.master.hostname' 'Hostname of the master; ours defaults to localhost (Alluxio has none) for a local cluster' \
        'alluxio.master.journal.checkpoint.period.entries' 'Journal entries written between two checkpoints' \
        'alluxio.master.journal.folder' 'Directory of the master\'s journal' \
        'alluxio.master.journal.sync.enabled' 'Ours: fsync every metadata write before acknowledging it, with group commit' \
        'alluxio.master.journal.type' 'Kind of journal the master keeps' \
        'alluxio.master.metastore' 'Where the master stores inodes: on disk (ROCKS) or in memory (HEAP)' \
        'alluxio.master.metastore.dir' 'Directory of the on-disk metastore' \
        'alluxio.master.metastore.inode.cache.max.size' 'Inodes the ROCKS metastore caches in memory (ours; Alluxio\'s default is 10000000)' \
        'alluxio.master.mount.table.root.readonly' 'Whether the root mount is read-only' \
        'alluxio.master.mount.table.root.shared' 'Whether the root mount is shared with all users' \
        'alluxio.master.mount.table.root.ufs' 'URI of the under file system mounted at the root' \
        'alluxio.master.persistence.blacklist' 'Path components whose files are never persisted asynchronously' \
        'alluxio.master.persistence.checker.interval' 'How often the master checks the progress of persist jobs' \
        'alluxio.master.persistence.initial.interval' 'First retry interval of a failed persist job' \
        'alluxio.master.persistence.max.interval' 'Longest retry interval of a failed persist job' \
        'alluxio.master.persistence.max.total.wait.time' 'Time after which the master stops retrying a persist job' \
        'alluxio.master.persistence.scheduler.interval' 'How often the master schedules files waiting to be persisted' \
        'alluxio.master.rpc.addresses' 'Comma-separated host:port list of the masters\' RPC addresses (high availability)' \
        'alluxio.master.rpc.port' 'Port of the master\'s RPC server' \
        'alluxio.master.tieredstore.global.level0.alias' 'Name of the top storage tier' \
        'alluxio.master.tieredstore.global.level1.alias' 'Name of the second storage tier' \
        'alluxio.master.tieredstore.global.level2.alias' 'Name of the third storage tier' \
        'alluxio.master.tieredstore.global.levels' 'Number of storage tiers in the cluster' \
        'alluxio.master.tieredstore.global.mediumtype' 'Storage media known to the cluster, fastest first' \
        'alluxio.master.ttl.checker.interval' 'How often the master deletes or frees files whose TTL expired' \
        'alluxio.master.web.bind.host' 'Address the master\'s web server listens on' \
        'alluxio.master.web.port' 'Port of the master\'s web server' \
        'alluxio.master.worker.timeout' 'Time without a heartbeat after which a worker is considered lost' \
        'alluxio.metrics.conf.file' 'Metrics sink configuration file' \
        'alluxio.network.server.idle.timeout' 'Ours: time after which an idle HTTP connection is closed' \
        'alluxio.network.server.max.body.size' 'Ours: largest request body the HTTP server buffers; larger bodies get 413' \
        'alluxio.network.server.max.header.size' 'Ours: largest request header block the HTTP server accepts' \
        'alluxio.network.server.shutdown.timeout' 'Ours: time the HTTP server waits for requests in flight when stopping' \
        'alluxio.network.server.threads' 'Ours: most handler threads of each HTTP server; 0 picks 32 per CPU core, at least 256' \
        'alluxio.proxy.hostname' 'Hostname of the proxy' \
        'alluxio.proxy.s3.bucket.naming.restrictions.enabled' 'Whether S3 bucket names must follow AWS naming rules' \
        'alluxio.proxy.s3.complete.multipart.upload.min.part.size' 'Smallest part, other than the last, that completing a multipart upload accepts' \
        'alluxio.proxy.s3.deletetype' 'Whether S3 deletes remove the object from the under file system too' \
        'alluxio.proxy.s3.header.metadata.max.size' 'Largest total size of user metadata headers on an S3 object; 0 for no limit' \
        'alluxio.proxy.s3.multipart.upload.cleaner.enabled' 'Whether multipart uploads left incomplete are aborted automatically (by the proxy, and by each worker serving the S3 API)' \
        'alluxio.proxy.s3.multipart.upload.cleaner.timeout' 'Age after which the cleaner aborts an incomplete multipart upload (our default)' \
        'alluxio.proxy.s3.tagging.restrictions.enabled' 'Whether S3 object tags must follow AWS limits' \
        'alluxio.proxy.s3.v2.async.processing.enabled' 'Whether S3 requests are processed asynchronously (accepted for compatibility)' \
        'alluxio.proxy.s3.v2.version.enabled' 'Whether the proxy serves the v2 S3 handlers (accepted for compatibility)' \
        'alluxio.proxy.s3.writetype' 'Write type of objects written through the S3 API' \
        'alluxio.proxy.stream.cache.timeout' 'Time after which an idle REST stream is closed' \
        'alluxio.proxy.web.bind.host' 'Address the proxy\'s web server listens on' \
        'alluxio.proxy.web.port' 'Port of the proxy\'s REST and S3 server' \
        'alluxio.s3.rest.authentication.credentials' 'Ours: access keys the S3 API accepts when authentication is enabled, as comma-separated <access key id>:<secret key> pairs; the access key id is the Alluxio user' \
        'alluxio.s3.rest.authentication.enabled' 'Whether S3 requests must carry a valid AWS Signature Version 4 made with a key of alluxio.s3.rest.authentication.credentials (header or presigned URL)' \
        'alluxio.security.authentication.type' 'How callers are identified' \
        'alluxio.security.authorization.permission.enabled' 'Whether POSIX permissions are checked on every path operation' \
        'alluxio.security.authorization.permission.supergroup' 'Group whose members are superusers' \
        'alluxio.security.authorization.permission.umask' 'Octal umask applied to new files and directories' \
        'alluxio.security.login.username' 'User name to log in as; the OS user when unset' \
        'alluxio.underfs.s3.default.mode' 'Octal mode reported for S3 objects and prefixes' \
        'alluxio.underfs.s3.disable.dns.buckets' 'Whether S3 requests use path-style instead of virtual-host URLs' \
        'alluxio.underfs.s3.endpoint' 'Endpoint URL of the S3 service; AWS when unset' \
        'alluxio.underfs.s3.endpoint.region' 'Region used to sign S3 requests' \
        'alluxio.underfs.s3.inherit.acl' 'Whether objects inherit the bucket\'s ACL' \
        'alluxio.underfs.s3.intermediate.upload.clean.age' 'Age after which leftover intermediate multipart uploads are aborted' \
        'alluxio.underfs.s3.list.objects.v1' 'Whether listings use ListObjects v1 instead of v2' \
        'alluxio.underfs.s3.multipart.upload.partition.size' 'Size of the parts of a multipart upload to S3' \
        'alluxio.underfs.s3.secure.http.enabled' 'Whether S3 is reached over HTTPS when the endpoint gives no scheme' \
        'alluxio.underfs.s3.socket.timeout' 'Socket timeout of S3 requests' \
        'alluxio.underfs.s3.streaming.upload.enabled' 'Whether writes stream to S3 in parts instead of buffering a local file' \
        'alluxio.underfs.s3.streaming.upload.partition.size' 'Size of the parts of a streaming upload to S3' \
        'alluxio.underfs.s3.threads.max' 'Maximum concurrent S3 requests' \
        'alluxio.underfs.s3.upload.threads.max' 'Maximum concurrent part uploads of one S3 write' \
        'alluxio.user.block.size.bytes.default' 'Block size of new files' \
        'alluxio.user.date.format.pattern' 'Java date pattern of times printed by the shell' \
        'alluxio.user.file.buffer.bytes' 'Buffer size of client file reads and writes' \
        'alluxio.user.file.create.ttl' 'TTL of new files; -1 for none' \
        'alluxio.user.file.create.ttl.action' 'What happens to a file whose TTL expires' \
        'alluxio.user.file.delete.unchecked' 'Whether deletes skip the check that the UFS is in sync' \
        'alluxio.user.file.metadata.load.type' 'When metadata of paths unknown to Alluxio is loaded from the UFS' \
        'alluxio.user.file.metadata.sync.interval' 'Age after which metadata is synced with the UFS; -1 never, 0 always' \
        'alluxio.user.file.persistence.initial.wait.time' 'Delay before an ASYNC_THROUGH file is persisted; -1 never persists it' \
        'alluxio.user.file.readtype.default' 'Read type of file reads' \
        'alluxio.user.file.replication.durable' 'Replicas of a new file\'s blocks kept while it is not yet persisted' \
        'alluxio.user.file.replication.max' 'Maximum replicas of a new file\'s blocks; -1 for no limit' \
        'alluxio.user.file.replication.min' 'Minimum replicas of a new file\'s blocks' \
        'alluxio.user.file.write.tier.default' 'Tier that new blocks are written to' \
        'alluxio.user.file.writetype.default' 'Write type of new files' \
        'alluxio.user.hostname' 'This client\'s host name as workers report theirs, for local-first block placement (empty: localhost)' \
        'alluxio.user.metadata.cache.enabled' 'Cache file statuses in the client: a repeated GetStatus of a path is answered without asking the master' \
        'alluxio.user.metadata.cache.expiration.time' 'How long a cached status is used (alluxio.user.metadata.cache.enabled)' \
        'alluxio.user.metadata.cache.max.size' 'Most paths whose statuses the client caches; the least recently used go first' \
        'alluxio.user.network.timeout' 'Ours: timeout of the client\'s HTTP requests' \
        'alluxio.user.short.circuit.enabled' 'Read blocks cached by a worker on this host straight from its tier files (the worker names the file; the client reads it), instead of over the worker\'s HTTP port' \
        'alluxio.version' 'Alluxio release whose interfaces this build keeps (informational)' \
        'alluxio.web.cors.enabled' 'Whether web servers allow cross-origin requests' \
        'alluxio.web.threads' 'Threads of the web servers' \
        'alluxio.work.dir' 'Directory under which Alluxio keeps its working files (journal, metastore, logs)' \
        'alluxio.worker.allocator.class' 'Policy choosing the directory a new block goes to' \
        'alluxio.worker.bind.host' 'Address the worker\'s RPC and data server listens on' \
        'alluxio.worker.block.annotator.class' 'Policy ordering blocks for eviction (LRUAnnotator or LRFUAnnotator)' \
        'alluxio.worker.block.annotator.lrfu.attenuation.factor' 'LRFU eviction: how fast old accesses lose weight (at least 2)' \
        'alluxio.worker.block.annotator.lrfu.step.factor' 'LRFU eviction: between 0 (like LFU) and 1 (like LRU)' \
        'alluxio.worker.block.heartbeat.interval' 'Interval of the worker\'s heartbeats to the master' \
        'alluxio.worker.data.folder' 'Folder under each tier directory that holds block files' \
        'alluxio.worker.evictor.class' 'Legacy evictor, mapped to an annotator (LRU, Greedy, PartialLRU to LRU; LRFU to LRFU)' \
        'alluxio.worker.hostname' 'Hostname the worker registers with; the local hostname when unset' \
        'alluxio.worker.ramdisk.size' 'Capacity of the memory tier; two thirds of physical memory by default' \
        'alluxio.worker.rest.port' 'Port of the worker\'s S3 server (when enabled)' \
        'alluxio.worker.reviewer.class' 'Policy that may reject a block allocation to keep free space (or AcceptingReviewer)' \
        'alluxio.worker.rpc.port' 'Port of the worker\'s RPC and data server' \
        'alluxio.worker.s3.api.enabled' 'Whether the worker serves the S3 API on its REST port' \
        'alluxio.worker.s3.redirect.enabled' 'Ours: whether the worker\'s S3 API redirects reads to the worker holding the data' \
        'alluxio.worker.tieredstore.free.ahead.bytes' 'Extra bytes freed when eviction runs, to avoid evicting on every write' \
        'alluxio.worker.tieredstore.level0.alias' 'Storage tier of the worker\'s top level' \
        'alluxio.worker.tieredstore.level0.dirs.mediumtype' 'Comma-separated medium types of the top level\'s directories' \
        'alluxio.worker.tieredstore.level0.dirs.path' 'Comma-separated directories of the worker\'s top level' \
        'alluxio.worker.tieredstore.level0.dirs.quota' 'Comma-separated capacities of the top level\'s directories' \
        'alluxio.worker.tieredstore.level0.watermark.high.ratio' 'Usage ratio of the top level that starts eviction (ignored since 2.3)' \
        'alluxio.worker.tieredstore.level0.watermark.low.ratio' 'Usage ratio of the top level that eviction brings it down to (ignored since 2.3)' \
        'alluxio.worker.tieredstore.level1.alias' 'Storage tier of the worker\'s second level' \
        'alluxio.worker.tieredstore.level1.dirs.mediumtype' 'Comma-separated medium types of the second level\'s directories' \
        'alluxio.worker.tieredstore.level1.dirs.path' 'Comma-separated directories of the worker\'s second level' \
        'alluxio.worker.tieredstore.level1.dirs.quota' 'Comma-separated capacities of the second level\'s directories' \
        'alluxio.worker.tieredstore.level1.watermark.high.ratio' 'Usage ratio of the second level that starts eviction (ignored since 2.3)' \
        'alluxio.worker.tieredstore.level1.watermark.low.ratio' 'Usage ratio of the second level that eviction brings it down to (ignored since 2.3)' \
        'alluxio.worker.tieredstore.level2.alias' 'Storage tier of the worker\'s third level' \
        'alluxio.worker.tieredstore.level2.dirs.mediumtype' 'Comma-separated medium types of the third level\'s directories' \
        'alluxio.worker.tieredstore.level2.dirs.path' 'Comma-separated directories of the worker\'s third level' \
        'alluxio.worker.tieredstore.level2.dirs.quota' 'Comma-separated capacities of the third level\'s directories' \
        'alluxio.worker.tieredstore.level2.watermark.high.ratio' 'Usage ratio of the third level that starts eviction (ignored since 2.3)' \
        'alluxio.worker.tieredstore.level2.watermark.low.ratio' 'Usage ratio of the third level that eviction brings it down to (ignored since 2.3)' \
        'alluxio.worker.tieredstore.levels' 'Number of storage tiers on this worker' \
        'alluxio.worker.web.bind.host' 'Address the worker\'s web server listens on' \
        'alluxio.worker.web.port' 'Port of the worker\'s web server' \
        'alluxio.zookeeper.address' 'ZooKeeper address for master high availability' \
        'alluxio.zookeeper.enabled' 'Whether masters use ZooKeeper for leader election' \
        'aws.accessKeyId' 'AWS access key id, read by the S3 under file system' \
        'aws.secretKey' 'AWS secret key, read by the S3 under file system' \
        's3a.accessKeyId' 'Access key id of the S3 under file system' \
        's3a.secretKey' 'Secret key of the S3 under file system'
end

function __alluxio_property_values  # $argv[1]: key. The words its value may be
    switch $argv[1]
        case 'alluxio.master.journal.sync.enabled'
            printf '%s\n' 'false' 'true'
        case 'alluxio.master.journal.type'
            printf '%s\n' 'EMBEDDED' 'UFS' 'NOOP'
        case 'alluxio.master.metastore'
            printf '%s\n' 'HEAP' 'ROCKS'
        case 'alluxio.master.mount.table.root.readonly'
            printf '%s\n' 'false' 'true'
        case 'alluxio.master.mount.table.root.shared'
            printf '%s\n' 'false' 'true'
        case 'alluxio.proxy.s3.bucket.naming.restrictions.enabled'
            printf '%s\n' 'false' 'true'
        case 'alluxio.proxy.s3.deletetype'
            printf '%s\n' 'ALLUXIO_AND_UFS' 'ALLUXIO_ONLY'
        case 'alluxio.proxy.s3.multipart.upload.cleaner.enabled'
            printf '%s\n' 'false' 'true'
        case 'alluxio.proxy.s3.tagging.restrictions.enabled'
            printf '%s\n' 'false' 'true'
        case 'alluxio.proxy.s3.v2.async.processing.enabled'
            printf '%s\n' 'false' 'true'
        case 'alluxio.proxy.s3.v2.version.enabled'
            printf '%s\n' 'false' 'true'
        case 'alluxio.proxy.s3.writetype'
            printf '%s\n' 'MUST_CACHE' 'TRY_CACHE' 'CACHE_THROUGH' 'THROUGH' 'ASYNC_THROUGH' 'NONE'
        case 'alluxio.s3.rest.authentication.enabled'
            printf '%s\n' 'false' 'true'
        case 'alluxio.security.authentication.type'
            printf '%s\n' 'NOSASL' 'SIMPLE' 'CUSTOM' 'KERBEROS'
        case 'alluxio.security.authorization.permission.enabled'
            printf '%s\n' 'false' 'true'
        case 'alluxio.underfs.s3.disable.dns.buckets'
            printf '%s\n' 'false' 'true'
        case 'alluxio.underfs.s3.inherit.acl'
            printf '%s\n' 'false' 'true'
        case 'alluxio.underfs.s3.list.objects.v1'
            printf '%s\n' 'false' 'true'
        case 'alluxio.underfs.s3.secure.http.enabled'
            printf '%s\n' 'false' 'true'
        case 'alluxio.underfs.s3.streaming.upload.enabled'
            printf '%s\n' 'false' 'true'
        case 'alluxio.user.file.create.ttl.action'
            printf '%s\n' 'DELETE' 'FREE' 'DELETE_ALLUXIO'
        case 'alluxio.user.file.delete.unchecked'
            printf '%s\n' 'false' 'true'
        case 'alluxio.user.file.metadata.load.type'
            printf '%s\n' 'NEVER' 'ONCE' 'ALWAYS'
        case 'alluxio.user.file.readtype.default'
            printf '%s\n' 'NO_CACHE' 'CACHE' 'CACHE_PROMOTE'
        case 'alluxio.user.file.writetype.default'
            printf '%s\n' 'MUST_CACHE' 'TRY_CACHE' 'CACHE_THROUGH' 'THROUGH' 'ASYNC_THROUGH' 'NONE'
        case 'alluxio.user.metadata.cache.enabled'
            printf '%s\n' 'false' 'true'
        case 'alluxio.user.short.circuit.enabled'
            printf '%s\n' 'false' 'true'
        case 'alluxio.web.cors.enabled'
            printf '%s\n' 'false' 'true'
        case 'alluxio.worker.s3.api.enabled'
            printf '%s\n' 'false' 'true'
        case 'alluxio.worker.s3.redirect.enabled'
            printf '%s\n' 'false' 'true'
        case 'alluxio.zookeeper.enabled'
            printf '%s\n' 'false' 'true'
    end
end

# Walks the tokens before the cursor: sets __alluxio_path (the command path), __alluxio_npos (how many
# positionals were typed), __alluxio_program and __alluxio_globals (root options, for `fs ls`).
function __alluxio_state
    set -l key (commandline -pc)
    test "$key" = "$__alluxio_cached"; and return
    set -g __alluxio_cached $key
    set -l tokens (commandline -opc)
    set -g __alluxio_program $tokens[1]
    set -e tokens[1]
    set -g __alluxio_path
    set -g __alluxio_npos 0
    set -g __alluxio_globals
    set -l pending
    set -l dashdash 0
    for t in $tokens
        if test -n "$pending"
            set -l global (__alluxio_option_value '' $pending)
            test -n "$global"; and set -a __alluxio_globals $pending $t
            set pending
            continue
        end
        if test $dashdash = 0; and string match -q -- '-?*' $t
            if test $t = --
                set dashdash 1
                continue
            end
            set -l opt (string replace -r -- '^(--[^=]*)=.*$|^(-[^-]).+$' '$1$2' $t)
            set -l kind (__alluxio_option_value "$__alluxio_path" $opt)
            test -n "$kind"; or continue
            set -l global (__alluxio_option_value '' $opt)
            if test $opt = $t
                set pending $opt
            else if test -n "$global"
                set -a __alluxio_globals $t
            end
            continue
        end
        if test $__alluxio_npos = 0; and contains -- $t (__alluxio_subcommands "$__alluxio_path")
            set -g __alluxio_path $__alluxio_path $t
            continue
        end
        set -g __alluxio_npos (math $__alluxio_npos + 1)
    end
    set -g __alluxio_path "$__alluxio_path"
end

# True when the command path is $argv[1] and, with $argv[2], the next positional is at index
# $argv[2] ("N+": at N or later).
function __alluxio_at
    __alluxio_state
    test "$__alluxio_path" = "$argv[1]"; or return 1
    set -q argv[2]; or return 0
    if string match -q -- '*+' $argv[2]
        test $__alluxio_npos -ge (string trim -r -c + -- $argv[2])
    else
        test $__alluxio_npos = $argv[2]
    end
end

# key=value after -D/--conf: keys (with their "="), then the values of enum and boolean keys.
function __alluxio_assign
    set -l token (commandline -ct)
    set -l prefix (string match -r -- '^(?:-[^-]|--[^=]*=)?' $token)
    set -l word (string sub -s (math (string length -- "$prefix") + 1) -- $token)
    if string match -q -- '*=*' $word
        set -l key (string split -m1 = -- $word)[1]
        for v in (__alluxio_property_values $key)
            echo $prefix$key=$v
        end
    else
        for k in (__alluxio_keys)
            echo $prefix(string replace -r '\t' '=\t' -- $k)
        end
    end
end

# Alluxio paths under the typed directory, from `fs ls` (remote; quiet; bounded).
function __alluxio_apaths
    test "$ALLUXIO_COMPLETION_REMOTE" = 0; and return
    command -q timeout; or return
    __alluxio_state
    set -l cur (commandline -ct)
    set -l scheme (string match -r -- '^alluxio://[^/]*(?=/)' $cur)
    # An empty list would swallow "$scheme$dir" below.
    set -q scheme[1]; or set scheme ''
    if test -z "$scheme"; and not string match -q -- '/*' $cur
        return
    end
    set -l p (string sub -s (math (string length -- "$scheme") + 1) -- $cur)
    set -l dir (string replace -r -- '/[^/]*$' '' $p)
    test -n "$dir"; or set dir /
    set -l limit $ALLUXIO_COMPLETION_TIMEOUT
    test -n "$limit"; or set limit 2
    timeout $limit $__alluxio_program $__alluxio_globals fs ls $scheme$dir 2>/dev/null </dev/null |
        awk 'match($0, / (DIR|[0-9]+%) \//) {
               p = substr($0, RSTART + RLENGTH - 1); sub(/ +$/, "", p)
               if (substr($0, RSTART + 1, 3) == "DIR") p = p "/"
               print p }' | string replace -r -- '^' "$scheme"
end

complete -c alluxio -f

# alluxio
complete -c alluxio -n '__alluxio_at \'\' 0' -a 'conf' -d 'Show the configuration this host resolves'
complete -c alluxio -n '__alluxio_at \'\' 0' -a 'format' -d 'Wipe the master metastore and the local worker\'s storage (stop them first)'
complete -c alluxio -n '__alluxio_at \'\' 0' -a 'fs' -d 'Alluxio file system operations, as Alluxio 2.x\'s `alluxio fs` shell (`alluxio fs help` lists them)'
complete -c alluxio -n '__alluxio_at \'\' 0' -a 'fsadmin' -d 'Administrative commands for the cluster'
complete -c alluxio -n '__alluxio_at \'\' 0' -a 'local' -d 'Run a local cluster in the foreground with embedded defaults (work dir ~/.alluxio)'
complete -c alluxio -n '__alluxio_at \'\' 0' -a 'master' -d 'Run the Alluxio master in the foreground (RPC 19998, web 19999)'
complete -c alluxio -n '__alluxio_at \'\' 0' -a 'mount' -d 'Add, list or remove mounts of under storage in Alluxio'
complete -c alluxio -n '__alluxio_at \'\' 0' -a 'process' -d 'Start, stop and inspect the daemons (master, worker, proxy, local) in the background'
complete -c alluxio -n '__alluxio_at \'\' 0' -a 'proxy' -d 'Run the Alluxio proxy in the foreground (REST API v1 and S3 API, port 39999)'
complete -c alluxio -n '__alluxio_at \'\' 0' -a 'shell' -d 'Interactive admin shell on the proxy\'s REST API: every `alluxio fs` command plus report, workers, mounts, metrics, conf, cd, pwd, help, exit'
complete -c alluxio -n '__alluxio_at \'\' 0' -a 'version' -d 'Print the Alluxio version this build implements'
complete -c alluxio -n '__alluxio_at \'\' 0' -a 'worker' -d 'Run an Alluxio worker in the foreground (RPC and data 29999, web 30000)'
complete -c alluxio -n '__alluxio_at \'\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'
complete -c alluxio -n '__alluxio_at \'\'' -s 'h' -l 'help' -d 'Print this help message and exit'

# alluxio conf
complete -c alluxio -n '__alluxio_at \'conf\' 0' -a 'get' -d 'Print the value of KEY, or every key=value when KEY is omitted'
complete -c alluxio -n '__alluxio_at \'conf\' 0' -a 'list' -d 'Print key=value  (source) for every key with a value'
complete -c alluxio -n '__alluxio_at \'conf\'' -s 'h' -l 'help' -d 'Print this help message and exit'
complete -c alluxio -n '__alluxio_at \'conf\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'conf\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'

# alluxio conf get
complete -c alluxio -n '__alluxio_at \'conf get\'' -l 'json' -d 'Print {"key","value","source","sourceDetail"} as JSON (an array of them without KEY); value is null for a key without one, secrets masked'
complete -c alluxio -n '__alluxio_at \'conf get\'' -l 'source' -d 'Also print where the value came from'
complete -c alluxio -n '__alluxio_at \'conf get\'' -l 'unit' -d 'Convert a size (B, KB, MB, GB, TB, PB) or duration (MS, S, MIN, H, D)' -x
complete -c alluxio -n '__alluxio_at \'conf get\'' -s 'h' -l 'help' -d 'Print this help message and exit'
complete -c alluxio -n '__alluxio_at \'conf get\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'conf get\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'
complete -c alluxio -n '__alluxio_at \'conf get\' 0' -x -a '(__alluxio_keys)'

# alluxio conf list
complete -c alluxio -n '__alluxio_at \'conf list\'' -l 'all' -d 'Also list declared keys that have no value'
complete -c alluxio -n '__alluxio_at \'conf list\'' -l 'json' -d 'Print a JSON array of {"key","value","source","sourceDetail"} (secrets masked; value null for keys without one)'
complete -c alluxio -n '__alluxio_at \'conf list\'' -s 'h' -l 'help' -d 'Print this help message and exit'
complete -c alluxio -n '__alluxio_at \'conf list\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'conf list\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'

# alluxio format
complete -c alluxio -n '__alluxio_at \'format\'' -l 'local' -d 'Format what `alluxio local` uses: apply its embedded defaults (work dir ~/.alluxio, MEM tier under /dev/shm) under the configuration, as it does'
complete -c alluxio -n '__alluxio_at \'format\'' -s 's' -d 'Only format when the root UFS is local and does not exist yet'
complete -c alluxio -n '__alluxio_at \'format\'' -s 'h' -l 'help' -d 'Print this help message and exit'
complete -c alluxio -n '__alluxio_at \'format\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'format\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'

# alluxio fs
complete -c alluxio -n '__alluxio_at \'fs\' 0' -a 'cat' -d 'Prints the file\'s contents to the console'
complete -c alluxio -n '__alluxio_at \'fs\' 0' -a 'checksum' -d 'Calculates the md5 checksum of a file in the Alluxio filesystem'
complete -c alluxio -n '__alluxio_at \'fs\' 0' -a 'chgrp' -d 'Changes the group of a file or directory specified by args'
complete -c alluxio -n '__alluxio_at \'fs\' 0' -a 'chmod' -d 'Changes the permission of a file or directory specified by args'
complete -c alluxio -n '__alluxio_at \'fs\' 0' -a 'chown' -d 'Changes the owner of a file or directory specified by args'
complete -c alluxio -n '__alluxio_at \'fs\' 0' -a 'copyFromLocal' -d 'Copies a file or a directory from local filesystem to Alluxio filesystem'
complete -c alluxio -n '__alluxio_at \'fs\' 0' -a 'copyToLocal' -d 'Copies a file or a directory from the Alluxio filesystem to the local filesystem'
complete -c alluxio -n '__alluxio_at \'fs\' 0' -a 'count' -d 'Displays the number of files and directories matching the specified prefix'
complete -c alluxio -n '__alluxio_at \'fs\' 0' -a 'cp' -d 'Copies a file or a directory in the Alluxio filesystem or between local filesystem and Alluxio filesystem'
complete -c alluxio -n '__alluxio_at \'fs\' 0' -a 'du' -d 'Displays the total size and the in Alluxio size of the specified file or directory'
complete -c alluxio -n '__alluxio_at \'fs\' 0' -a 'free' -d 'Frees the space occupied by a file or a directory in Alluxio'
complete -c alluxio -n '__alluxio_at \'fs\' 0' -a 'getCapacityBytes' -d 'Gets the capacity of the Alluxio file system'
complete -c alluxio -n '__alluxio_at \'fs\' 0' -a 'getUsedBytes' -d 'Gets number of bytes used in the Alluxio file system'
complete -c alluxio -n '__alluxio_at \'fs\' 0' -a 'head' -d 'Prints the file\'s first n bytes (by default, 1KB) to the console'
complete -c alluxio -n '__alluxio_at \'fs\' 0' -a 'help' -d 'Prints help message for the given command'
complete -c alluxio -n '__alluxio_at \'fs\' 0' -a 'load' -d 'Loads a file or directory in Alluxio space, makes it resident in Alluxio'
complete -c alluxio -n '__alluxio_at \'fs\' 0' -a 'loadMetadata' -d 'Loads metadata for the given Alluxio path from the under file system'
complete -c alluxio -n '__alluxio_at \'fs\' 0' -a 'location' -d 'Displays the list of hosts storing the specified file'
complete -c alluxio -n '__alluxio_at \'fs\' 0' -a 'ls' -d 'Displays information for all files and directories directly under the specified paths, including permission, owner, group, size (bytes for files or the number of children for directories), persistence state, last modified time, the percentage of content already in Alluxio and the path in order'
complete -c alluxio -n '__alluxio_at \'fs\' 0' -a 'mkdir' -d 'Creates the specified directories, including any parent directories that are required'
complete -c alluxio -n '__alluxio_at \'fs\' 0' -a 'mount' -d 'Mounts a UFS path onto an Alluxio path'
complete -c alluxio -n '__alluxio_at \'fs\' 0' -a 'mv' -d 'Renames a file or directory'
complete -c alluxio -n '__alluxio_at \'fs\' 0' -a 'persist' -d 'Persists files or directories currently stored only in Alluxio to the UnderFileSystem'
complete -c alluxio -n '__alluxio_at \'fs\' 0' -a 'pin' -d 'Pins the given file or directory in memory (works recursively for directories)'
complete -c alluxio -n '__alluxio_at \'fs\' 0' -a 'rm' -d 'Removes the specified file'
complete -c alluxio -n '__alluxio_at \'fs\' 0' -a 'setTtl' -d 'Sets a new TTL value for the file at path, performing an action, delete(default)/free/delete_alluxio after TTL expiry'
complete -c alluxio -n '__alluxio_at \'fs\' 0' -a 'stat' -d 'Displays info for the specified path both file and directory'
complete -c alluxio -n '__alluxio_at \'fs\' 0' -a 'tail' -d 'Prints the file\'s last n bytes (by default, 1KB) to the console'
complete -c alluxio -n '__alluxio_at \'fs\' 0' -a 'test' -d 'Test a property of a path, returning 0 if the property is true, or 1 otherwise'
complete -c alluxio -n '__alluxio_at \'fs\' 0' -a 'touch' -d 'Creates a 0 byte file'
complete -c alluxio -n '__alluxio_at \'fs\' 0' -a 'unmount' -d 'Unmounts an Alluxio path'
complete -c alluxio -n '__alluxio_at \'fs\' 0' -a 'unpin' -d 'Unpins the given file or folder from memory (works recursively for a directory)'
complete -c alluxio -n '__alluxio_at \'fs\' 0' -a 'unsetTtl' -d 'Unsets the TTL value for the given path'
complete -c alluxio -n '__alluxio_at \'fs\'' -s 'h' -l 'help' -d 'Print this help message and exit'
complete -c alluxio -n '__alluxio_at \'fs\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'fs\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'

# alluxio fs cat
complete -c alluxio -n '__alluxio_at \'fs cat\'' -l 'help' -d 'Print this command\'s flags and exit'
complete -c alluxio -n '__alluxio_at \'fs cat\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'fs cat\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'
complete -c alluxio -n '__alluxio_at \'fs cat\' 0+' -x -a '(__alluxio_apaths)'

# alluxio fs checksum
complete -c alluxio -n '__alluxio_at \'fs checksum\'' -l 'help' -d 'Print this command\'s flags and exit'
complete -c alluxio -n '__alluxio_at \'fs checksum\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'fs checksum\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'
complete -c alluxio -n '__alluxio_at \'fs checksum\' 0+' -x -a '(__alluxio_apaths)'

# alluxio fs chgrp
complete -c alluxio -n '__alluxio_at \'fs chgrp\'' -s 'R' -l 'recursive' -d 'change group recursively'
complete -c alluxio -n '__alluxio_at \'fs chgrp\'' -l 'help' -d 'Print this command\'s flags and exit'
complete -c alluxio -n '__alluxio_at \'fs chgrp\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'fs chgrp\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'
complete -c alluxio -n '__alluxio_at \'fs chgrp\' 1+' -x -a '(__alluxio_apaths)'

# alluxio fs chmod
complete -c alluxio -n '__alluxio_at \'fs chmod\'' -s 'R' -l 'recursive' -d 'change mode recursively'
complete -c alluxio -n '__alluxio_at \'fs chmod\'' -l 'help' -d 'Print this command\'s flags and exit'
complete -c alluxio -n '__alluxio_at \'fs chmod\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'fs chmod\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'
complete -c alluxio -n '__alluxio_at \'fs chmod\' 1+' -x -a '(__alluxio_apaths)'

# alluxio fs chown
complete -c alluxio -n '__alluxio_at \'fs chown\'' -s 'R' -l 'recursive' -d 'change owner recursively'
complete -c alluxio -n '__alluxio_at \'fs chown\'' -l 'help' -d 'Print this command\'s flags and exit'
complete -c alluxio -n '__alluxio_at \'fs chown\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'fs chown\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'
complete -c alluxio -n '__alluxio_at \'fs chown\' 1+' -x -a '(__alluxio_apaths)'

# alluxio fs copyFromLocal
complete -c alluxio -n '__alluxio_at \'fs copyFromLocal\'' -l 'buffersize' -d 'read buffer size in bytes' -x
complete -c alluxio -n '__alluxio_at \'fs copyFromLocal\'' -l 'thread' -d 'number of threads used to copy files' -x
complete -c alluxio -n '__alluxio_at \'fs copyFromLocal\'' -l 'help' -d 'Print this command\'s flags and exit'
complete -c alluxio -n '__alluxio_at \'fs copyFromLocal\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'fs copyFromLocal\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'
complete -c alluxio -n '__alluxio_at \'fs copyFromLocal\' 0' -r -F
complete -c alluxio -n '__alluxio_at \'fs copyFromLocal\' 1+' -x -a '(__alluxio_apaths)'

# alluxio fs copyToLocal
complete -c alluxio -n '__alluxio_at \'fs copyToLocal\'' -l 'buffersize' -d 'read buffer size' -x
complete -c alluxio -n '__alluxio_at \'fs copyToLocal\'' -l 'help' -d 'Print this command\'s flags and exit'
complete -c alluxio -n '__alluxio_at \'fs copyToLocal\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'fs copyToLocal\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'
complete -c alluxio -n '__alluxio_at \'fs copyToLocal\' 0' -x -a '(__alluxio_apaths)'
complete -c alluxio -n '__alluxio_at \'fs copyToLocal\' 1+' -r -F

# alluxio fs count
complete -c alluxio -n '__alluxio_at \'fs count\'' -s 'h' -d 'print sizes in human readable format'
complete -c alluxio -n '__alluxio_at \'fs count\'' -l 'json' -d 'print {path, fileCount, folderCount, size} as a JSON object (an array when the path is a glob)'
complete -c alluxio -n '__alluxio_at \'fs count\'' -l 'help' -d 'Print this command\'s flags and exit'
complete -c alluxio -n '__alluxio_at \'fs count\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'fs count\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'
complete -c alluxio -n '__alluxio_at \'fs count\' 0+' -x -a '(__alluxio_apaths)'

# alluxio fs cp
complete -c alluxio -n '__alluxio_at \'fs cp\'' -l 'buffersize' -d 'read buffer size in bytes' -x
complete -c alluxio -n '__alluxio_at \'fs cp\'' -s 'p' -l 'preserve' -d 'preserve file attributes'
complete -c alluxio -n '__alluxio_at \'fs cp\'' -s 'R' -s 'r' -l 'recursive' -d 'copy directories'
complete -c alluxio -n '__alluxio_at \'fs cp\'' -l 'thread' -d 'number of threads used to copy files' -x
complete -c alluxio -n '__alluxio_at \'fs cp\'' -l 'help' -d 'Print this command\'s flags and exit'
complete -c alluxio -n '__alluxio_at \'fs cp\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'fs cp\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'
complete -c alluxio -n '__alluxio_at \'fs cp\' 0+' -x -a '(__alluxio_apaths)'

# alluxio fs du
complete -c alluxio -n '__alluxio_at \'fs du\'' -s 'g' -d 'display information for In-Alluxio data size under the path, grouped by worker'
complete -c alluxio -n '__alluxio_at \'fs du\'' -s 'h' -d 'print sizes in human readable format (e.g., 1KB 234MB 2GB)'
complete -c alluxio -n '__alluxio_at \'fs du\'' -l 'json' -d 'print a JSON array of {path, size, inAlluxio, inAlluxioPercentage, inMemory, inMemoryPercentage[, workers]} in bytes, one per file or one per path with -s'
complete -c alluxio -n '__alluxio_at \'fs du\'' -s 'm' -l 'memory' -d 'display the in memory size and in memory percentage'
complete -c alluxio -n '__alluxio_at \'fs du\'' -s 's' -d 'display the aggregate summary of file lengths being displayed'
complete -c alluxio -n '__alluxio_at \'fs du\'' -l 'help' -d 'Print this command\'s flags and exit'
complete -c alluxio -n '__alluxio_at \'fs du\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'fs du\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'
complete -c alluxio -n '__alluxio_at \'fs du\' 0+' -x -a '(__alluxio_apaths)'

# alluxio fs free
complete -c alluxio -n '__alluxio_at \'fs free\'' -s 'f' -d 'free pinned files too'
complete -c alluxio -n '__alluxio_at \'fs free\'' -l 'help' -d 'Print this command\'s flags and exit'
complete -c alluxio -n '__alluxio_at \'fs free\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'fs free\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'
complete -c alluxio -n '__alluxio_at \'fs free\' 0+' -x -a '(__alluxio_apaths)'

# alluxio fs getCapacityBytes
complete -c alluxio -n '__alluxio_at \'fs getCapacityBytes\'' -l 'help' -d 'Print this command\'s flags and exit'
complete -c alluxio -n '__alluxio_at \'fs getCapacityBytes\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'fs getCapacityBytes\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'
complete -c alluxio -n '__alluxio_at \'fs getCapacityBytes\' 0+' -x -a '(__alluxio_apaths)'

# alluxio fs getUsedBytes
complete -c alluxio -n '__alluxio_at \'fs getUsedBytes\'' -l 'help' -d 'Print this command\'s flags and exit'
complete -c alluxio -n '__alluxio_at \'fs getUsedBytes\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'fs getUsedBytes\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'
complete -c alluxio -n '__alluxio_at \'fs getUsedBytes\' 0+' -x -a '(__alluxio_apaths)'

# alluxio fs head
complete -c alluxio -n '__alluxio_at \'fs head\'' -s 'c' -d 'number of bytes (e.g. 1024, 4KB)' -x
complete -c alluxio -n '__alluxio_at \'fs head\'' -l 'help' -d 'Print this command\'s flags and exit'
complete -c alluxio -n '__alluxio_at \'fs head\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'fs head\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'
complete -c alluxio -n '__alluxio_at \'fs head\' 0+' -x -a '(__alluxio_apaths)'

# alluxio fs help
complete -c alluxio -n '__alluxio_at \'fs help\'' -l 'help' -d 'Print this command\'s flags and exit'
complete -c alluxio -n '__alluxio_at \'fs help\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'fs help\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'
complete -c alluxio -n '__alluxio_at \'fs help\' 0+' -x -a 'cat checksum chgrp chmod chown copyFromLocal copyToLocal count cp du free getCapacityBytes getUsedBytes head help load loadMetadata location ls mkdir mount mv persist pin rm setTtl stat tail test touch unmount unpin unsetTtl'

# alluxio fs load
complete -c alluxio -n '__alluxio_at \'fs load\'' -l 'local' -d 'load the file to the local worker'
complete -c alluxio -n '__alluxio_at \'fs load\'' -l 'help' -d 'Print this command\'s flags and exit'
complete -c alluxio -n '__alluxio_at \'fs load\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'fs load\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'
complete -c alluxio -n '__alluxio_at \'fs load\' 0+' -x -a '(__alluxio_apaths)'

# alluxio fs loadMetadata
complete -c alluxio -n '__alluxio_at \'fs loadMetadata\'' -s 'F' -d 'update the metadata of the existing sub file forcibly'
complete -c alluxio -n '__alluxio_at \'fs loadMetadata\'' -s 'R' -d 'load metadata subdirectories recursively'
complete -c alluxio -n '__alluxio_at \'fs loadMetadata\'' -l 'help' -d 'Print this command\'s flags and exit'
complete -c alluxio -n '__alluxio_at \'fs loadMetadata\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'fs loadMetadata\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'
complete -c alluxio -n '__alluxio_at \'fs loadMetadata\' 0+' -x -a '(__alluxio_apaths)'

# alluxio fs location
complete -c alluxio -n '__alluxio_at \'fs location\'' -l 'help' -d 'Print this command\'s flags and exit'
complete -c alluxio -n '__alluxio_at \'fs location\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'fs location\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'
complete -c alluxio -n '__alluxio_at \'fs location\' 0+' -x -a '(__alluxio_apaths)'

# alluxio fs ls
complete -c alluxio -n '__alluxio_at \'fs ls\'' -s 'd' -d 'list directories as plain files'
complete -c alluxio -n '__alluxio_at \'fs ls\'' -s 'f' -d 'force to load metadata for immediate children in a directory'
complete -c alluxio -n '__alluxio_at \'fs ls\'' -s 'h' -d 'print human-readable format sizes'
complete -c alluxio -n '__alluxio_at \'fs ls\'' -l 'json' -d 'print a JSON array of FileInfo objects (REST API v1 keys) instead of text; -h and --timestamp affect only text'
complete -c alluxio -n '__alluxio_at \'fs ls\'' -s 'm' -l 'omit-mount-info' -d 'the status will not include mount point related information, like the UFS path (accepted for compatibility)'
complete -c alluxio -n '__alluxio_at \'fs ls\'' -s 'p' -d 'list all pinned files'
complete -c alluxio -n '__alluxio_at \'fs ls\'' -s 'r' -d 'reverse order while sorting'
complete -c alluxio -n '__alluxio_at \'fs ls\'' -s 'R' -l 'recursive' -d 'list subdirectories recursively'
complete -c alluxio -n '__alluxio_at \'fs ls\'' -l 'sort' -d 'sort statuses by the given field {creationTime|inMemoryPercentage|lastAccessTime|lastModificationTime|name|path|size} (default path)' -x -a 'creationTime inMemoryPercentage lastAccessTime lastModificationTime name path size'
complete -c alluxio -n '__alluxio_at \'fs ls\'' -l 'timestamp' -d 'display specific timestamp (default is last modification time) {creationTime|lastAccessTime|lastModificationTime}' -x -a 'creationTime lastAccessTime lastModificationTime'
complete -c alluxio -n '__alluxio_at \'fs ls\'' -l 'help' -d 'Print this command\'s flags and exit'
complete -c alluxio -n '__alluxio_at \'fs ls\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'fs ls\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'
complete -c alluxio -n '__alluxio_at \'fs ls\' 0+' -x -a '(__alluxio_apaths)'

# alluxio fs mkdir
complete -c alluxio -n '__alluxio_at \'fs mkdir\'' -l 'help' -d 'Print this command\'s flags and exit'
complete -c alluxio -n '__alluxio_at \'fs mkdir\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'fs mkdir\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'
complete -c alluxio -n '__alluxio_at \'fs mkdir\' 0+' -x -a '(__alluxio_apaths)'

# alluxio fs mount
complete -c alluxio -n '__alluxio_at \'fs mount\'' -l 'json' -d 'without arguments: print the mount table as a JSON array of {alluxioPath, ufsUri, ufsType, readOnly, shared, properties, ...} (secret values masked)'
complete -c alluxio -n '__alluxio_at \'fs mount\'' -l 'option' -d 'options associated with this mount point' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'fs mount\'' -l 'readonly' -d 'mount point is readonly in Alluxio'
complete -c alluxio -n '__alluxio_at \'fs mount\'' -l 'shared' -d 'mount point is shared'
complete -c alluxio -n '__alluxio_at \'fs mount\'' -l 'help' -d 'Print this command\'s flags and exit'
complete -c alluxio -n '__alluxio_at \'fs mount\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'fs mount\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'
complete -c alluxio -n '__alluxio_at \'fs mount\' 0' -x -a '(__alluxio_apaths)'
complete -c alluxio -n '__alluxio_at \'fs mount\' 1+' -r -F

# alluxio fs mv
complete -c alluxio -n '__alluxio_at \'fs mv\'' -l 'help' -d 'Print this command\'s flags and exit'
complete -c alluxio -n '__alluxio_at \'fs mv\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'fs mv\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'
complete -c alluxio -n '__alluxio_at \'fs mv\' 0+' -x -a '(__alluxio_apaths)'

# alluxio fs persist
complete -c alluxio -n '__alluxio_at \'fs persist\'' -s 'p' -l 'parallelism' -d 'number of concurrent persist operations' -x
complete -c alluxio -n '__alluxio_at \'fs persist\'' -s 't' -l 'timeout' -d 'time in milliseconds to wait for persistence' -x
complete -c alluxio -n '__alluxio_at \'fs persist\'' -s 'w' -l 'wait' -d 'time in milliseconds to wait before persisting' -x
complete -c alluxio -n '__alluxio_at \'fs persist\'' -l 'help' -d 'Print this command\'s flags and exit'
complete -c alluxio -n '__alluxio_at \'fs persist\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'fs persist\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'
complete -c alluxio -n '__alluxio_at \'fs persist\' 0+' -x -a '(__alluxio_apaths)'

# alluxio fs pin
complete -c alluxio -n '__alluxio_at \'fs pin\'' -l 'help' -d 'Print this command\'s flags and exit'
complete -c alluxio -n '__alluxio_at \'fs pin\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'fs pin\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'
complete -c alluxio -n '__alluxio_at \'fs pin\' 0' -x -a '(__alluxio_apaths)'
complete -c alluxio -n '__alluxio_at \'fs pin\' 1+' -x -a 'HDD MEM SSD'

# alluxio fs rm
complete -c alluxio -n '__alluxio_at \'fs rm\'' -l 'alluxioOnly' -d 'remove data and metadata from Alluxio space only'
complete -c alluxio -n '__alluxio_at \'fs rm\'' -s 'm' -l 'deleteMountPoint' -d 'remove mount points in the directory'
complete -c alluxio -n '__alluxio_at \'fs rm\'' -s 'R' -s 'r' -l 'recursive' -d 'delete files and subdirectories recursively'
complete -c alluxio -n '__alluxio_at \'fs rm\'' -s 'U' -d 'remove directories without checking UFS contents are in sync'
complete -c alluxio -n '__alluxio_at \'fs rm\'' -l 'help' -d 'Print this command\'s flags and exit'
complete -c alluxio -n '__alluxio_at \'fs rm\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'fs rm\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'
complete -c alluxio -n '__alluxio_at \'fs rm\' 0+' -x -a '(__alluxio_apaths)'

# alluxio fs setTtl
complete -c alluxio -n '__alluxio_at \'fs setTtl\'' -l 'action' -d 'Action to take after TTL expiry' -x -a 'delete delete_alluxio free'
complete -c alluxio -n '__alluxio_at \'fs setTtl\'' -l 'help' -d 'Print this command\'s flags and exit'
complete -c alluxio -n '__alluxio_at \'fs setTtl\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'fs setTtl\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'
complete -c alluxio -n '__alluxio_at \'fs setTtl\' 0' -x -a '(__alluxio_apaths)'

# alluxio fs stat
complete -c alluxio -n '__alluxio_at \'fs stat\'' -s 'f' -d 'format' -x
complete -c alluxio -n '__alluxio_at \'fs stat\'' -l 'file-id' -d 'the file ID to stat instead of a path' -x
complete -c alluxio -n '__alluxio_at \'fs stat\'' -l 'json' -d 'print the FileInfo as a JSON object (REST API v1 keys); an array of them when the path is a glob; not with -f'
complete -c alluxio -n '__alluxio_at \'fs stat\'' -l 'help' -d 'Print this command\'s flags and exit'
complete -c alluxio -n '__alluxio_at \'fs stat\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'fs stat\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'
complete -c alluxio -n '__alluxio_at \'fs stat\' 0+' -x -a '(__alluxio_apaths)'

# alluxio fs tail
complete -c alluxio -n '__alluxio_at \'fs tail\'' -s 'c' -d 'number of bytes (e.g. 1024, 4KB)' -x
complete -c alluxio -n '__alluxio_at \'fs tail\'' -l 'help' -d 'Print this command\'s flags and exit'
complete -c alluxio -n '__alluxio_at \'fs tail\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'fs tail\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'
complete -c alluxio -n '__alluxio_at \'fs tail\' 0+' -x -a '(__alluxio_apaths)'

# alluxio fs test
complete -c alluxio -n '__alluxio_at \'fs test\'' -s 'd' -d 'test whether path is a directory'
complete -c alluxio -n '__alluxio_at \'fs test\'' -s 'e' -d 'test whether path exists'
complete -c alluxio -n '__alluxio_at \'fs test\'' -s 'f' -d 'test whether path is a file'
complete -c alluxio -n '__alluxio_at \'fs test\'' -s 's' -d 'test whether path is not empty'
complete -c alluxio -n '__alluxio_at \'fs test\'' -s 'z' -d 'test whether file is zero length'
complete -c alluxio -n '__alluxio_at \'fs test\'' -l 'help' -d 'Print this command\'s flags and exit'
complete -c alluxio -n '__alluxio_at \'fs test\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'fs test\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'
complete -c alluxio -n '__alluxio_at \'fs test\' 0+' -x -a '(__alluxio_apaths)'

# alluxio fs touch
complete -c alluxio -n '__alluxio_at \'fs touch\'' -l 'help' -d 'Print this command\'s flags and exit'
complete -c alluxio -n '__alluxio_at \'fs touch\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'fs touch\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'
complete -c alluxio -n '__alluxio_at \'fs touch\' 0+' -x -a '(__alluxio_apaths)'

# alluxio fs unmount
complete -c alluxio -n '__alluxio_at \'fs unmount\'' -l 'help' -d 'Print this command\'s flags and exit'
complete -c alluxio -n '__alluxio_at \'fs unmount\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'fs unmount\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'
complete -c alluxio -n '__alluxio_at \'fs unmount\' 0+' -x -a '(__alluxio_apaths)'

# alluxio fs unpin
complete -c alluxio -n '__alluxio_at \'fs unpin\'' -l 'help' -d 'Print this command\'s flags and exit'
complete -c alluxio -n '__alluxio_at \'fs unpin\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'fs unpin\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'
complete -c alluxio -n '__alluxio_at \'fs unpin\' 0+' -x -a '(__alluxio_apaths)'

# alluxio fs unsetTtl
complete -c alluxio -n '__alluxio_at \'fs unsetTtl\'' -l 'help' -d 'Print this command\'s flags and exit'
complete -c alluxio -n '__alluxio_at \'fs unsetTtl\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'fs unsetTtl\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'
complete -c alluxio -n '__alluxio_at \'fs unsetTtl\' 0+' -x -a '(__alluxio_apaths)'

# alluxio fsadmin
complete -c alluxio -n '__alluxio_at \'fsadmin\' 0' -a 'report' -d 'Report the cluster\'s summary (default) or its capacity per worker'
complete -c alluxio -n '__alluxio_at \'fsadmin\'' -s 'h' -l 'help' -d 'Print this help message and exit'
complete -c alluxio -n '__alluxio_at \'fsadmin\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'fsadmin\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'

# alluxio fsadmin report
complete -c alluxio -n '__alluxio_at \'fsadmin report\'' -l 'json' -d 'Print the report as one JSON object (master, liveWorkers, lostWorkers, capacityBytes, usedBytes, freeBytes, tiers; capacity adds workers)'
complete -c alluxio -n '__alluxio_at \'fsadmin report\'' -s 'h' -l 'help' -d 'Print this help message and exit'
complete -c alluxio -n '__alluxio_at \'fsadmin report\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'fsadmin report\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'
complete -c alluxio -n '__alluxio_at \'fsadmin report\' 0' -x -a 'summary capacity'

# alluxio local
complete -c alluxio -n '__alluxio_at \'local\'' -s 'h' -l 'help' -d 'Print this help message and exit'
complete -c alluxio -n '__alluxio_at \'local\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'local\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'

# alluxio master
complete -c alluxio -n '__alluxio_at \'master\'' -s 'h' -l 'help' -d 'Print this help message and exit'
complete -c alluxio -n '__alluxio_at \'master\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'master\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'

# alluxio mount
complete -c alluxio -n '__alluxio_at \'mount\' 0' -a 'add' -d 'Mount UFS-URI at the Alluxio path PATH'
complete -c alluxio -n '__alluxio_at \'mount\' 0' -a 'list' -d 'Print the mount table'
complete -c alluxio -n '__alluxio_at \'mount\' 0' -a 'remove' -d 'Unmount PATH (the under storage is left untouched)'
complete -c alluxio -n '__alluxio_at \'mount\'' -s 'h' -l 'help' -d 'Print this help message and exit'
complete -c alluxio -n '__alluxio_at \'mount\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'mount\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'

# alluxio mount add
complete -c alluxio -n '__alluxio_at \'mount add\'' -l 'option' -d 'UFS property of this mount (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'mount add\'' -l 'path' -d 'Alluxio path of the new mount point (must not exist)' -x -a '(__alluxio_apaths)'
complete -c alluxio -n '__alluxio_at \'mount add\'' -l 'readonly' -d 'Reject writes under the mount point'
complete -c alluxio -n '__alluxio_at \'mount add\'' -l 'shared' -d 'Make the mount point accessible to every user'
complete -c alluxio -n '__alluxio_at \'mount add\'' -l 'ufs-uri' -d 'Under storage to mount, e.g. s3://bucket/dir' -r -F
complete -c alluxio -n '__alluxio_at \'mount add\'' -s 'h' -l 'help' -d 'Print this help message and exit'
complete -c alluxio -n '__alluxio_at \'mount add\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'mount add\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'

# alluxio mount list
complete -c alluxio -n '__alluxio_at \'mount list\'' -l 'json' -d 'print the mount table as a JSON array of {alluxioPath, ufsUri, ufsType, readOnly, shared, properties, ...} (secret values masked)'
complete -c alluxio -n '__alluxio_at \'mount list\'' -s 'h' -l 'help' -d 'Print this help message and exit'
complete -c alluxio -n '__alluxio_at \'mount list\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'mount list\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'

# alluxio mount remove
complete -c alluxio -n '__alluxio_at \'mount remove\'' -l 'path' -d 'Alluxio path of the mount point' -x -a '(__alluxio_apaths)'
complete -c alluxio -n '__alluxio_at \'mount remove\'' -s 'h' -l 'help' -d 'Print this help message and exit'
complete -c alluxio -n '__alluxio_at \'mount remove\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'mount remove\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'

# alluxio process
complete -c alluxio -n '__alluxio_at \'process\' 0' -a 'start' -d 'Start NAME in the background: master, worker, proxy, local (all three in one process) or all (master, worker and proxy as three processes)'
complete -c alluxio -n '__alluxio_at \'process\' 0' -a 'status' -d 'Print whether each daemon runs, e.g. `master: running (pid 123, log /opt/alluxio/logs/master.log)` or `master: stopped`'
complete -c alluxio -n '__alluxio_at \'process\' 0' -a 'stop' -d 'Stop NAME (master, worker, proxy, local or all): SIGTERM, then SIGKILL after --timeout seconds'
complete -c alluxio -n '__alluxio_at \'process\'' -s 'h' -l 'help' -d 'Print this help message and exit'
complete -c alluxio -n '__alluxio_at \'process\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'process\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'

# alluxio process start
complete -c alluxio -n '__alluxio_at \'process start\'' -l 'timeout' -d 'With --wait: how long to wait, in seconds' -x
complete -c alluxio -n '__alluxio_at \'process start\'' -s 'w' -l 'wait' -d 'Wait until the daemon is ready: its web port answers /healthz (a worker must also have registered with its master); `all` waits for each before starting the next'
complete -c alluxio -n '__alluxio_at \'process start\'' -s 'h' -l 'help' -d 'Print this help message and exit'
complete -c alluxio -n '__alluxio_at \'process start\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'process start\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'
complete -c alluxio -n '__alluxio_at \'process start\' 0' -x -a 'master worker proxy local all'

# alluxio process status
complete -c alluxio -n '__alluxio_at \'process status\'' -s 'h' -l 'help' -d 'Print this help message and exit'
complete -c alluxio -n '__alluxio_at \'process status\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'process status\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'
complete -c alluxio -n '__alluxio_at \'process status\' 0' -x -a 'master worker proxy local all'

# alluxio process stop
complete -c alluxio -n '__alluxio_at \'process stop\'' -l 'timeout' -d 'Seconds to wait for a clean exit after SIGTERM before sending SIGKILL' -x
complete -c alluxio -n '__alluxio_at \'process stop\'' -s 'h' -l 'help' -d 'Print this help message and exit'
complete -c alluxio -n '__alluxio_at \'process stop\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'process stop\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'
complete -c alluxio -n '__alluxio_at \'process stop\' 0' -x -a 'master worker proxy local all'

# alluxio proxy
complete -c alluxio -n '__alluxio_at \'proxy\'' -s 'h' -l 'help' -d 'Print this help message and exit'
complete -c alluxio -n '__alluxio_at \'proxy\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'proxy\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'

# alluxio shell
complete -c alluxio -n '__alluxio_at \'shell\'' -s 'c' -l 'command' -d 'Run these commands (separated by \';\' or newlines) and exit' -x
complete -c alluxio -n '__alluxio_at \'shell\'' -l 'history-file' -d 'Where the interactive history is kept (default ~/.alluxio_history)' -r -F
complete -c alluxio -n '__alluxio_at \'shell\'' -s 'k' -l 'keep-going' -d 'With -c or a script on stdin: run every command even after a failure (the exit code is still the first failure\'s)'
complete -c alluxio -n '__alluxio_at \'shell\'' -l 'no-history' -d 'Neither read nor write a history file'
complete -c alluxio -n '__alluxio_at \'shell\'' -l 'proxy' -d 'The proxy as host:port (default: alluxio.proxy.hostname and alluxio.proxy.web.port, localhost:39999)' -x
complete -c alluxio -n '__alluxio_at \'shell\'' -s 'h' -l 'help' -d 'Print this help message and exit'
complete -c alluxio -n '__alluxio_at \'shell\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'shell\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'

# alluxio version
complete -c alluxio -n '__alluxio_at \'version\'' -s 'r' -l 'revision' -d 'Also print this implementation\'s version and source revision'
complete -c alluxio -n '__alluxio_at \'version\'' -s 'h' -l 'help' -d 'Print this help message and exit'
complete -c alluxio -n '__alluxio_at \'version\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'version\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'

# alluxio worker
complete -c alluxio -n '__alluxio_at \'worker\'' -s 'h' -l 'help' -d 'Print this help message and exit'
complete -c alluxio -n '__alluxio_at \'worker\'' -s 'D' -l 'conf' -d 'Set a property for this command, e.g. -Dalluxio.master.hostname=host1 (repeatable)' -x -a '(__alluxio_assign)'
complete -c alluxio -n '__alluxio_at \'worker\'' -l 'conf-dir' -d 'Directory holding alluxio-site.properties (default: $ALLUXIO_CONF_DIR, ./conf, /etc/alluxio)' -x -a '(__fish_complete_directories (commandline -ct))'
