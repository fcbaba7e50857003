# bash completion for alluxio  -*- shell-script -*-
# Generated from the command tree by alluxio_gendocs; do not edit. Regenerate with
# scripts/gen-docs.sh. Alluxio paths complete with `alluxio fs ls` on the typed directory
# (ALLUXIO_COMPLETION_REMOTE=0 turns that off; ALLUXIO_COMPLETION_TIMEOUT, default 2s).

_alluxio_subcommands() {  # $1: command path. REPLY: its subcommands
  case $1 in
    '') REPLY='conf format fs fsadmin local master mount process proxy shell version worker' ;;
    'conf') REPLY='get list' ;;
    'fs') REPLY='cat checksum chgrp chmod chown copyFromLocal copyToLocal count cp du free getCapacityBytes getUsedBytes head help load loadMetadata location ls mkdir mount mv persist pin rm setTtl stat tail test touch unmount unpin unsetTtl' ;;
    'fsadmin') REPLY='report' ;;
    'mount') REPLY='add list remove' ;;
    'process') REPLY='start status stop' ;;
    *) REPLY='' ;;
  esac
}

_alluxio_options() {  # $1: command path. REPLY: the options accepted there
  case $1 in
    '') REPLY='-D --conf --conf-dir -h --help' ;;
    'conf') REPLY='-h --help -D --conf --conf-dir' ;;
    'conf get') REPLY='--json --source --unit -h --help -D --conf --conf-dir' ;;
    'conf list') REPLY='--all --json -h --help -D --conf --conf-dir' ;;
    'format') REPLY='--local -s -h --help -D --conf --conf-dir' ;;
    'fs') REPLY='-h --help -D --conf --conf-dir' ;;
    'fs cat') REPLY='--help -D --conf --conf-dir' ;;
    'fs checksum') REPLY='--help -D --conf --conf-dir' ;;
    'fs chgrp') REPLY='-R --recursive --help -D --conf --conf-dir' ;;
    'fs chmod') REPLY='-R --recursive --help -D --conf --conf-dir' ;;
    'fs chown') REPLY='-R --recursive --help -D --conf --conf-dir' ;;
    'fs copyFromLocal') REPLY='--buffersize --thread --help -D --conf --conf-dir' ;;
    'fs copyToLocal') REPLY='--buffersize --help -D --conf --conf-dir' ;;
    'fs count') REPLY='-h --json --help -D --conf --conf-dir' ;;
    'fs cp') REPLY='--buffersize -p --preserve -R -r --recursive --thread --help -D --conf --conf-dir' ;;
    'fs du') REPLY='-g -h --json -m --memory -s --help -D --conf --conf-dir' ;;
    'fs free') REPLY='-f --help -D --conf --conf-dir' ;;
    'fs getCapacityBytes') REPLY='--help -D --conf --conf-dir' ;;
    'fs getUsedBytes') REPLY='--help -D --conf --conf-dir' ;;
    'fs head') REPLY='-c --help -D --conf --conf-dir' ;;
    'fs help') REPLY='--help -D --conf --conf-dir' ;;
    'fs load') REPLY='--local --help -D --conf --conf-dir' ;;
    'fs loadMetadata') REPLY='-F -R --help -D --conf --conf-dir' ;;
    'fs location') REPLY='--help -D --conf --conf-dir' ;;
    'fs ls') REPLY='-d -f -h --json -m --omit-mount-info -p -r -R --recursive --sort --timestamp --help -D --conf --conf-dir' ;;
    'fs mkdir') REPLY='--help -D --conf --conf-dir' ;;
    'fs mount') REPLY='--json --option --readonly --shared --help -D --conf --conf-dir' ;;
    'fs mv') REPLY='--help -D --conf --conf-dir' ;;
    'fs persist') REPLY='-p --parallelism -t --timeout -w --wait --help -D --conf --conf-dir' ;;
    'fs pin') REPLY='--help -D --conf --conf-dir' ;;
    'fs rm') REPLY='--alluxioOnly -m --deleteMountPoint -R -r --recursive -U --help -D --conf --conf-dir' ;;
    'fs setTtl') REPLY='--action --help -D --conf --conf-dir' ;;
    'fs stat') REPLY='-f --file-id --json --help -D --conf --conf-dir' ;;
    'fs tail') REPLY='-c --help -D --conf --conf-dir' ;;
    'fs test') REPLY='-d -e -f -s -z --help -D --conf --conf-dir' ;;
    'fs touch') REPLY='--help -D --conf --conf-dir' ;;
    'fs unmount') REPLY='--help -D --conf --conf-dir' ;;
    'fs unpin') REPLY='--help -D --conf --conf-dir' ;;
    'fs unsetTtl') REPLY='--help -D --conf --conf-dir' ;;
    'fsadmin') REPLY='-h --help -D --conf --conf-dir' ;;
    'fsadmin report') REPLY='--json -h --help -D --conf --conf-dir' ;;
    'local') REPLY='-h --help -D --conf --conf-dir' ;;
    'master') REPLY='-h --help -D --conf --conf-dir' ;;
    'mount') REPLY='-h --help -D --conf --conf-dir' ;;
    'mount add') REPLY='--option --path --readonly --shared --ufs-uri -h --help -D --conf --conf-dir' ;;
    'mount list') REPLY='--json -h --help -D --conf --conf-dir' ;;
    'mount remove') REPLY='--path -h --help -D --conf --conf-dir' ;;
    'process') REPLY='-h --help -D --conf --conf-dir' ;;
    'process start') REPLY='--timeout -w --wait -h --help -D --conf --conf-dir' ;;
    'process status') REPLY='-h --help -D --conf --conf-dir' ;;
    'process stop') REPLY='--timeout -h --help -D --conf --conf-dir' ;;
    'proxy') REPLY='-h --help -D --conf --conf-dir' ;;
    'shell') REPLY='-c --command --history-file -k --keep-going --no-history --proxy -h --help -D --conf --conf-dir' ;;
    'version') REPLY='-r --revision -h --help -D --conf --conf-dir' ;;
    'worker') REPLY='-h --help -D --conf --conf-dir' ;;
    *) REPLY='' ;;
  esac
}

_alluxio_option_value() {  # $1: command path, $2: option. REPLY: the kind of value it takes, empty for a flag
  REPLY=''
  case $1 in
    '')
      case $2 in
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'conf')
      case $2 in
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'conf get')
      case $2 in
        --unit) REPLY='text' ;;
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'conf list')
      case $2 in
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'format')
      case $2 in
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'fs')
      case $2 in
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'fs cat')
      case $2 in
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'fs checksum')
      case $2 in
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'fs chgrp')
      case $2 in
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'fs chmod')
      case $2 in
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'fs chown')
      case $2 in
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'fs copyFromLocal')
      case $2 in
        --buffersize) REPLY='text' ;;
        --thread) REPLY='text' ;;
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'fs copyToLocal')
      case $2 in
        --buffersize) REPLY='text' ;;
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'fs count')
      case $2 in
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'fs cp')
      case $2 in
        --buffersize) REPLY='text' ;;
        --thread) REPLY='text' ;;
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'fs du')
      case $2 in
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'fs free')
      case $2 in
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'fs getCapacityBytes')
      case $2 in
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'fs getUsedBytes')
      case $2 in
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'fs head')
      case $2 in
        -c) REPLY='text' ;;
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'fs help')
      case $2 in
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'fs load')
      case $2 in
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'fs loadMetadata')
      case $2 in
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'fs location')
      case $2 in
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'fs ls')
      case $2 in
        --sort) REPLY='choice creationTime inMemoryPercentage lastAccessTime lastModificationTime name path size' ;;
        --timestamp) REPLY='choice creationTime lastAccessTime lastModificationTime' ;;
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'fs mkdir')
      case $2 in
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'fs mount')
      case $2 in
        --option) REPLY='assign' ;;
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'fs mv')
      case $2 in
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'fs persist')
      case $2 in
        -p|--parallelism) REPLY='text' ;;
        -t|--timeout) REPLY='text' ;;
        -w|--wait) REPLY='text' ;;
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'fs pin')
      case $2 in
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'fs rm')
      case $2 in
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'fs setTtl')
      case $2 in
        --action) REPLY='choice delete delete_alluxio free' ;;
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'fs stat')
      case $2 in
        -f) REPLY='text' ;;
        --file-id) REPLY='text' ;;
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'fs tail')
      case $2 in
        -c) REPLY='text' ;;
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'fs test')
      case $2 in
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'fs touch')
      case $2 in
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'fs unmount')
      case $2 in
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'fs unpin')
      case $2 in
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'fs unsetTtl')
      case $2 in
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'fsadmin')
      case $2 in
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'fsadmin report')
      case $2 in
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'local')
      case $2 in
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'master')
      case $2 in
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'mount')
      case $2 in
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'mount add')
      case $2 in
        --option) REPLY='assign' ;;
        --path) REPLY='apath' ;;
        --ufs-uri) REPLY='file' ;;
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'mount list')
      case $2 in
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'mount remove')
      case $2 in
        --path) REPLY='apath' ;;
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'process')
      case $2 in
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'process start')
      case $2 in
        --timeout) REPLY='text' ;;
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'process status')
      case $2 in
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'process stop')
      case $2 in
        --timeout) REPLY='text' ;;
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'proxy')
      case $2 in
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'shell')
      case $2 in
        -c|--command) REPLY='text' ;;
        --history-file) REPLY='file' ;;
        --proxy) REPLY='text' ;;
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'version')
      case $2 in
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
    'worker')
      case $2 in
        -D|--conf) REPLY='assign' ;;
        --conf-dir) REPLY='dir' ;;
      esac ;;
  esac
}

_alluxio_positional() {  # $1: command path, $2: index. REPLY: the kind of that argument
  REPLY=''
  case $1 in
    'conf get')
      case $2 in
        0) REPLY='key' ;;
        *) REPLY='' ;;
      esac ;;
    'fs cat')
      case $2 in
        *) REPLY='apath' ;;
      esac ;;
    'fs checksum')
      case $2 in
        *) REPLY='apath' ;;
      esac ;;
    'fs chgrp')
      case $2 in
        0) REPLY='text' ;;
        *) REPLY='apath' ;;
      esac ;;
    'fs chmod')
      case $2 in
        0) REPLY='text' ;;
        *) REPLY='apath' ;;
      esac ;;
    'fs chown')
      case $2 in
        0) REPLY='text' ;;
        *) REPLY='apath' ;;
      esac ;;
    'fs copyFromLocal')
      case $2 in
        0) REPLY='file' ;;
        *) REPLY='apath' ;;
      esac ;;
    'fs copyToLocal')
      case $2 in
        0) REPLY='apath' ;;
        *) REPLY='file' ;;
      esac ;;
    'fs count')
      case $2 in
        *) REPLY='apath' ;;
      esac ;;
    'fs cp')
      case $2 in
        *) REPLY='apath' ;;
      esac ;;
    'fs du')
      case $2 in
        *) REPLY='apath' ;;
      esac ;;
    'fs free')
      case $2 in
        *) REPLY='apath' ;;
      esac ;;
    'fs getCapacityBytes')
      case $2 in
        *) REPLY='apath' ;;
      esac ;;
    'fs getUsedBytes')
      case $2 in
        *) REPLY='apath' ;;
      esac ;;
    'fs head')
      case $2 in
        *) REPLY='apath' ;;
      esac ;;
    'fs help')
      case $2 in
        *) REPLY='choice cat checksum chgrp chmod chown copyFromLocal copyToLocal count cp du free getCapacityBytes getUsedBytes head help load loadMetadata location ls mkdir mount mv persist pin rm setTtl stat tail test touch unmount unpin unsetTtl' ;;
      esac ;;
    'fs load')
      case $2 in
        *) REPLY='apath' ;;
      esac ;;
    'fs loadMetadata')
      case $2 in
        *) REPLY='apath' ;;
      esac ;;
    'fs location')
      case $2 in
        *) REPLY='apath' ;;
      esac ;;
    'fs ls')
      case $2 in
        *) REPLY='apath' ;;
      esac ;;
    'fs mkdir')
      case $2 in
        *) REPLY='apath' ;;
      esac ;;
    'fs mount')
      case $2 in
        0) REPLY='apath' ;;
        *) REPLY='file' ;;
      esac ;;
    'fs mv')
      case $2 in
        *) REPLY='apath' ;;
      esac ;;
    'fs persist')
      case $2 in
        *) REPLY='apath' ;;
      esac ;;
    'fs pin')
      case $2 in
        0) REPLY='apath' ;;
        *) REPLY='choice HDD MEM SSD' ;;
      esac ;;
    'fs rm')
      case $2 in
        *) REPLY='apath' ;;
      esac ;;
    'fs setTtl')
      case $2 in
        0) REPLY='apath' ;;
        *) REPLY='text' ;;
      esac ;;
    'fs stat')
      case $2 in
        *) REPLY='apath' ;;
      esac ;;
    'fs tail')
      case $2 in
        *) REPLY='apath' ;;
      esac ;;
    'fs test')
      case $2 in
        *) REPLY='apath' ;;
      esac ;;
    'fs touch')
      case $2 in
        *) REPLY='apath' ;;
      esac ;;
    'fs unmount')
      case $2 in
        *) REPLY='apath' ;;
      esac ;;
    'fs unpin')
      case $2 in
        *) REPLY='apath' ;;
      esac ;;
    'fs unsetTtl')
      case $2 in
        *) REPLY='apath' ;;
      esac ;;
    'fsadmin report')
      case $2 in
        0) REPLY='choice summary capacity' ;;
        *) REPLY='' ;;
      esac ;;
    'process start')
      case $2 in
        0) REPLY='choice master worker proxy local all' ;;
        *) REPLY='' ;;
      esac ;;
    'process status')
      case $2 in
        0) REPLY='choice master worker proxy local all' ;;
        *) REPLY='' ;;
      esac ;;
    'process stop')
      case $2 in
        0) REPLY='choice master worker proxy local all' ;;
        *) REPLY='' ;;
      esac ;;
  esac
}

_alluxio_property_keys='alluxio.conf.dir
alluxio.fuse.web.port
alluxio.home
alluxio.job.master.embedded.journal.port
alluxio.job.master.rpc.port
alluxio.job.master.web.port
alluxio.job.worker.data.port
alluxio.job.worker.rpc.port
alluxio.job.worker.web.port
alluxio.logs.dir
alluxio.master.bind.host
alluxio.master.embedded.journal.addresses
alluxio.master.embedded.journal.port
alluxio.master.hostname
alluxio.master.journal.checkpoint.period.entries
alluxio.master.journal.folder
alluxio.master.journal.sync.enabled
alluxio.master.journal.type
alluxio.master.metastore
alluxio.master.metastore.dir
alluxio.master.metastore.inode.cache.max.size
alluxio.master.mount.table.root.readonly
alluxio.master.mount.table.root.shared
alluxio.master.mount.table.root.ufs
alluxio.master.persistence.blacklist
alluxio.master.persistence.checker.interval
alluxio.master.persistence.initial.interval
alluxio.master.persistence.max.interval
alluxio.master.persistence.max.total.wait.time
alluxio.master.persistence.scheduler.interval
alluxio.master.rpc.addresses
alluxio.master.rpc.port
alluxio.master.tieredstore.global.level0.alias
alluxio.master.tieredstore.global.level1.alias
alluxio.master.tieredstore.global.level2.alias
alluxio.master.tieredstore.global.levels
alluxio.master.tieredstore.global.mediumtype
alluxio.master.ttl.checker.interval
alluxio.master.web.bind.host
alluxio.master.web.port
alluxio.master.worker.timeout
alluxio.metrics.conf.file
alluxio.network.server.idle.timeout
alluxio.network.server.max.body.size
alluxio.network.server.max.header.size
alluxio.network.server.shutdown.timeout
alluxio.network.server.threads
alluxio.proxy.hostname
alluxio.proxy.s3.bucket.naming.restrictions.enabled
alluxio.proxy.s3.complete.multipart.upload.min.part.size
alluxio.proxy.s3.deletetype
alluxio.proxy.s3.header.metadata.max.size
alluxio.proxy.s3.multipart.upload.cleaner.enabled
alluxio.proxy.s3.multipart.upload.cleaner.timeout
alluxio.proxy.s3.tagging.restrictions.enabled
alluxio.proxy.s3.v2.async.processing.enabled
alluxio.proxy.s3.v2.version.enabled
alluxio.proxy.s3.writetype
alluxio.proxy.stream.cache.timeout
alluxio.proxy.web.bind.host
alluxio.proxy.web.port
alluxio.s3.rest.authentication.credentials
alluxio.s3.rest.authentication.enabled
alluxio.security.authentication.type
alluxio.security.authorization.permission.enabled
alluxio.security.authorization.permission.supergroup
alluxio.security.authorization.permission.umask
alluxio.security.login.username
alluxio.underfs.s3.default.mode
alluxio.underfs.s3.disable.dns.buckets
alluxio.underfs.s3.endpoint
alluxio.underfs.s3.endpoint.region
alluxio.underfs.s3.inherit.acl
alluxio.underfs.s3.intermediate.upload.clean.age
alluxio.underfs.s3.list.objects.v1
alluxio.underfs.s3.multipart.upload.partition.size
alluxio.underfs.s3.secure.http.enabled
alluxio.underfs.s3.socket.timeout
alluxio.underfs.s3.streaming.upload.enabled
alluxio.underfs.s3.streaming.upload.partition.size
alluxio.underfs.s3.threads.max
alluxio.underfs.s3.upload.threads.max
alluxio.user.block.size.bytes.default
alluxio.user.date.format.pattern
alluxio.user.file.buffer.bytes
alluxio.user.file.create.ttl
alluxio.user.file.create.ttl.action
alluxio.user.file.delete.unchecked
alluxio.user.file.metadata.load.type
alluxio.user.file.metadata.sync.interval
alluxio.user.file.persistence.initial.wait.time
alluxio.user.file.readtype.default
alluxio.user.file.replication.durable
alluxio.user.file.replication.max
alluxio.user.file.replication.min
alluxio.user.file.write.tier.default
alluxio.user.file.writetype.default
alluxio.user.hostname
alluxio.user.metadata.cache.enabled
alluxio.user.metadata.cache.expiration.time
alluxio.user.metadata.cache.max.size
alluxio.user.network.timeout
alluxio.user.short.circuit.enabled
alluxio.version
alluxio.web.cors.enabled
alluxio.web.threads
alluxio.work.dir
alluxio.worker.allocator.class
alluxio.worker.bind.host
alluxio.worker.block.annotator.class
alluxio.worker.block.annotator.lrfu.attenuation.factor
alluxio.worker.block.annotator.lrfu.step.factor
alluxio.worker.block.heartbeat.interval
alluxio.worker.data.folder
alluxio.worker.evictor.class
alluxio.worker.hostname
alluxio.worker.ramdisk.size
alluxio.worker.rest.port
alluxio.worker.reviewer.class
alluxio.worker.rpc.port
alluxio.worker.s3.api.enabled
alluxio.worker.s3.redirect.enabled
alluxio.worker.tieredstore.free.ahead.bytes
alluxio.worker.tieredstore.level0.alias
alluxio.worker.tieredstore.level0.dirs.mediumtype
alluxio.worker.tieredstore.level0.dirs.path
alluxio.worker.tieredstore.level0.dirs.quota
alluxio.worker.tieredstore.level0.watermark.high.ratio
alluxio.worker.tieredstore.level0.watermark.low.ratio
alluxio.worker.tieredstore.level1.alias
alluxio.worker.tieredstore.level1.dirs.mediumtype
alluxio.worker.tieredstore.level1.dirs.path
alluxio.worker.tieredstore.level1.dirs.quota
alluxio.worker.tieredstore.level1.watermark.high.ratio
alluxio.worker.tieredstore.level1.watermark.low.ratio
alluxio.worker.tieredstore.level2.alias
alluxio.worker.tieredstore.level2.dirs.mediumtype
alluxio.worker.tieredstore.level2.dirs.path
alluxio.worker.tieredstore.level2.dirs.quota
alluxio.worker.tieredstore.level2.watermark.high.ratio
alluxio.worker.tieredstore.level2.watermark.low.ratio
alluxio.worker.tieredstore.levels
alluxio.worker.web.bind.host
alluxio.worker.web.port
alluxio.zookeeper.address
alluxio.zookeeper.enabled
aws.accessKeyId
aws.secretKey
s3a.accessKeyId
s3a.secretKey'

_alluxio_property_values() {  # $1: key. REPLY: the words its value may be
  case $1 in
    'alluxio.master.journal.sync.enabled') REPLY='false true' ;;
    'alluxio.master.journal.type') REPLY='EMBEDDED UFS NOOP' ;;
    'alluxio.master.metastore') REPLY='HEAP ROCKS' ;;
    'alluxio.master.mount.table.root.readonly') REPLY='false true' ;;
    'alluxio.master.mount.table.root.shared') REPLY='false true' ;;
    'alluxio.proxy.s3.bucket.naming.restrictions.enabled') REPLY='false true' ;;
    'alluxio.proxy.s3.deletetype') REPLY='ALLUXIO_AND_UFS ALLUXIO_ONLY' ;;
    'alluxio.proxy.s3.multipart.upload.cleaner.enabled') REPLY='false true' ;;
    'alluxio.proxy.s3.tagging.restrictions.enabled') REPLY='false true' ;;
    'alluxio.proxy.s3.v2.async.processing.enabled') REPLY='false true' ;;
    'alluxio.proxy.s3.v2.version.enabled') REPLY='false true' ;;
    'alluxio.proxy.s3.writetype') REPLY='MUST_CACHE TRY_CACHE CACHE_THROUGH THROUGH ASYNC_THROUGH NONE' ;;
    'alluxio.s3.rest.authentication.enabled') REPLY='false true' ;;
    'alluxio.security.authentication.type') REPLY='NOSASL SIMPLE CUSTOM KERBEROS' ;;
    'alluxio.security.authorization.permission.enabled') REPLY='false true' ;;
    'alluxio.underfs.s3.disable.dns.buckets') REPLY='false true' ;;
    'alluxio.underfs.s3.inherit.acl') REPLY='false true' ;;
    'alluxio.underfs.s3.list.objects.v1') REPLY='false true' ;;
    'alluxio.underfs.s3.secure.http.enabled') REPLY='false true' ;;
    'alluxio.underfs.s3.streaming.upload.enabled') REPLY='false true' ;;
    'alluxio.user.file.create.ttl.action') REPLY='DELETE FREE DELETE_ALLUXIO' ;;
    'alluxio.user.file.delete.unchecked') REPLY='false true' ;;
    'alluxio.user.file.metadata.load.type') REPLY='NEVER ONCE ALWAYS' ;;
    'alluxio.user.file.readtype.default') REPLY='NO_CACHE CACHE CACHE_PROMOTE' ;;
    'alluxio.user.file.writetype.default') REPLY='MUST_CACHE TRY_CACHE CACHE_THROUGH THROUGH ASYNC_THROUGH NONE' ;;
    'alluxio.user.metadata.cache.enabled') REPLY='false true' ;;
    'alluxio.user.short.circuit.enabled') REPLY='false true' ;;
    'alluxio.web.cors.enabled') REPLY='false true' ;;
    'alluxio.worker.s3.api.enabled') REPLY='false true' ;;
    'alluxio.worker.s3.redirect.enabled') REPLY='false true' ;;
    'alluxio.zookeeper.enabled') REPLY='false true' ;;
    *) REPLY='' ;;
  esac
}

# Completes Alluxio paths under the typed directory with `fs ls` (remote; quiet; bounded).
_alluxio_remote_paths() {
  local cur=$1 scheme='' path dir line
  [[ ${ALLUXIO_COMPLETION_REMOTE:-1} == 0 ]] && return
  command -v timeout >/dev/null 2>&1 || return
  case $cur in
    alluxio://*/*) scheme=${cur#alluxio://}; scheme=alluxio://${scheme%%/*} ;;
    /*) ;;
    *) return ;;
  esac
  path=${cur#"$scheme"}
  dir=${path%/*}
  while IFS= read -r line; do
    [[ $line == "$path"* ]] && found+=("$scheme$line")
  done < <(timeout "${ALLUXIO_COMPLETION_TIMEOUT:-2}" "$program" "${globals[@]}" fs ls \
             "$scheme${dir:-/}" 2>/dev/null </dev/null |
           awk 'match($0, / (DIR|[0-9]+%) \//) {
                  p = substr($0, RSTART + RLENGTH - 1); sub(/ +$/, "", p)
                  if (substr($0, RSTART + 1, 3) == "DIR") p = p "/"
                  print p }')
  for line in "${found[@]}"; do  # a directory: keep typing after its /
    [[ $line == */ ]] && { compopt -o nospace 2>/dev/null; break; }
  done
}

# Adds to COMPREPLY the values of kind $1 matching $3, each prefixed with $2.
_alluxio_complete_value() {
  local kind=$1 prefix=$2 cur=$3 c
  local -a found=()
  case $kind in
    choice\ *) mapfile -t found < <(compgen -W "${kind#choice }" -- "$cur") ;;
    key) mapfile -t found < <(compgen -W "$_alluxio_property_keys" -- "$cur") ;;
    assign)
      if [[ $cur == *=* ]]; then
        _alluxio_property_values "${cur%%=*}"
        mapfile -t found < <(compgen -P "${cur%%=*}=" -W "$REPLY" -- "${cur#*=}")
      else
        mapfile -t found < <(compgen -S = -W "$_alluxio_property_keys" -- "$cur")
        compopt -o nospace 2>/dev/null
      fi ;;
    dir) mapfile -t found < <(compgen -d -- "$cur"); compopt -o filenames 2>/dev/null ;;
    file) mapfile -t found < <(compgen -f -- "$cur"); compopt -o filenames 2>/dev/null ;;
    apath) _alluxio_remote_paths "$cur"; compopt -o filenames 2>/dev/null ;;  # quotes blanks
  esac
  for c in "${found[@]}"; do COMPREPLY+=("$prefix$c"); done
}

_alluxio() {
  local REPLY i w opt cur path='' pending='' npos=0 dashdash=0 glue=0
  local program=${COMP_WORDS[0]}
  local -a words=() globals=()
  for ((i = 1; i <= COMP_CWORD; i++)); do
    w=${COMP_WORDS[i]}
    if ((${#words[@]})) && [[ -n $w && $w != *[!=:]* ]]; then
      words[${#words[@]}-1]+=$w; glue=1
    elif ((glue)) && [[ -n $w ]]; then
      words[${#words[@]}-1]+=$w; glue=0
    else
      words+=("$w"); glue=0
    fi
  done
  cur=${words[${#words[@]}-1]}
  for ((i = 0; i < ${#words[@]} - 1; i++)); do
    w=${words[i]}
    if [[ -n $pending ]]; then
      _alluxio_option_value '' "$pending"
      [[ -n $REPLY ]] && globals+=("$pending" "$w")
      pending=''
      continue
    fi
    if ((!dashdash)) && [[ $w == -?* ]]; then
      [[ $w == -- ]] && { dashdash=1; continue; }
      opt=$w
      [[ $w == --*=* ]] && opt=${w%%=*}
      [[ $w != --* ]] && opt=${w:0:2}
      _alluxio_option_value "$path" "$opt"
      if [[ -n $REPLY && $opt == "$w" ]]; then
        pending=$opt
      elif [[ -n $REPLY ]]; then
        _alluxio_option_value '' "$opt"
        [[ -n $REPLY ]] && globals+=("$w")
      fi
      continue
    fi
    if ((npos == 0)); then
      _alluxio_subcommands "$path"
      if [[ " $REPLY " == *" $w "* ]]; then
        path=${path:+$path }$w
        continue
      fi
    fi
    npos=$((npos + 1))
  done

  COMPREPLY=()
  if [[ -n $pending ]]; then
    _alluxio_option_value "$path" "$pending"
    _alluxio_complete_value "$REPLY" '' "$cur"
  elif ((!dashdash)) && [[ $cur == -* ]]; then
    opt=${cur:0:2}
    [[ $cur == --*=* ]] && opt=${cur%%=*}
    REPLY=''
    [[ $cur == --*=* || ($cur != --* && ${#cur} -gt 2) ]] && _alluxio_option_value "$path" "$opt"
    if [[ -n $REPLY ]]; then
      [[ $opt == --* ]] && opt+='='
      _alluxio_complete_value "$REPLY" "$opt" "${cur#"$opt"}"
    else
      _alluxio_options "$path"
      mapfile -t COMPREPLY < <(compgen -W "$REPLY" -- "$cur")
    fi
  else
    _alluxio_subcommands "$path"
    if ((npos == 0)) && [[ -n $REPLY ]]; then
      mapfile -t COMPREPLY < <(compgen -W "$REPLY" -- "$cur")
    else
      _alluxio_positional "$path" "$npos"
      _alluxio_complete_value "$REPLY" '' "$cur"
    fi
  fi

  # Bash replaces only the text after the last word break; keep the candidates to that.
  local breaks=''
  [[ $COMP_WORDBREAKS == *=* ]] && breaks+='='
  [[ $COMP_WORDBREAKS == *:* ]] && breaks+=':'
  if [[ -n $breaks && $cur == *["$breaks"]* ]]; then
    w=${cur##*["$breaks"]}
    for i in "${!COMPREPLY[@]}"; do
      COMPREPLY[i]=${COMPREPLY[i]:${#cur}-${#w}}
    done
  fi
}

complete -F _alluxio alluxio
