# Runs a command (starman and the workers it forks) in a process group of its own, for as long as the JVM that
# started it keeps this script's standard input open:
#   perl guardian.pl <command> <argument>...
# When the input closes - the JVM closed it, or died, even by kill -9 - or this script is told to stop (TERM, INT,
# HUP), the whole group is killed at once (KILL: a test's RT and its database copy are thrown away, so a graceful
# stop, which takes starman a second or two, would only cost time), and this script ends when the group is gone: no
# RT process outlives the test that started it. When the command ends on its own (starman could not listen, say), its
# group is killed too, and this script ends with the command's exit status.
use strict;
use warnings;
use IO::Select;
use POSIX ();

die "usage: guardian.pl <command> <argument>...\n" unless @ARGV;

my $child = fork();
die "cannot fork: $!\n" unless defined $child;
if ($child == 0) {
    setpgrp(0, 0);
    open(STDIN, '<', '/dev/null') or die "cannot reopen STDIN: $!\n";
    exec { $ARGV[0] } @ARGV or die "cannot run $ARGV[0]: $!\n";
}
# The child makes its group itself; doing it here too closes the race with a signal that comes before it has.
setpgrp($child, $child);

my $stop = 0;
$SIG{$_} = sub { $stop = 1 } for qw(TERM INT HUP);
$SIG{PIPE} = 'IGNORE';

my $input = IO::Select->new(\*STDIN);
my $status;
until ($stop) {
    if (waitpid($child, POSIX::WNOHANG()) == $child) {
        $status = $?;
        last;
    }
    next unless $input->can_read(0.2);
    my $read = sysread(STDIN, my $ignored, 4096);
    $stop = 1 if defined $read && $read == 0;
}

# Whatever ended the wait, the group goes: the master may be gone while a worker still runs.
kill 'KILL', -$child;
$status = $? if !defined $status && waitpid($child, 0) == $child;
# The workers are the master's children, not ours: wait until none of the group runs any more. A killed worker stays
# a zombie until init reaps it, which in a container can take seconds, so zombies do not count.
for (1 .. 100) {
    last unless running_in_group($child);
    select(undef, undef, undef, 0.02);
}
exit(!defined $status ? 0 : $status & 127 ? 128 + ($status & 127) : $status >> 8);

# Whether a process of the group is alive and not a zombie, by Linux's /proc/<pid>/stat: "pid (command) state ppid
# pgrp ...", the command possibly holding spaces and parentheses, hence the split after its last ')'.
sub running_in_group {
    my ($group) = @_;
    for my $file (glob '/proc/[0-9]*/stat') {
        open(my $stat, '<', $file) or next;
        my $line = <$stat>;
        close($stat);
        next unless defined $line;
        my ($state, undef, $pgrp) = split ' ', substr($line, rindex($line, ')') + 2);
        return 1 if $pgrp == $group && $state ne 'Z' && $state ne 'X';
    }
    return 0;
}
