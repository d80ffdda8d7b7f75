/*
** doc_sop.c: the SOP document (PermenPANRB 35/2012) of an SOP version.
** (Being built.)
*/
#include "report.h"

int report_sop(Wf *wf, int64_t sop_version_id, DocFormat fmt, Buf *out, Buf *err)
{
	(void)wf, (void)sop_version_id, (void)fmt, (void)out;
	buf_printf(err, "SOP document: not rendered yet\n");
	return -1;
}
