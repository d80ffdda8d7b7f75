/*
** main.c: the sakip program's entry point. Everything happens in
** cli_main(); this file only prepares the process.
*/
#include "cli.h"

#include <jansson.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	log_init_from_env();
	/* jansson allocates through our wrappers, so OOM aborts there too. */
	json_set_alloc_funcs(xmalloc, free);
	return cli_main(argc, argv);
}
