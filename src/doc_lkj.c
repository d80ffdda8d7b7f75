/*
** doc_lkj.c: the LKj (Laporan Kinerja) of an agency and year. (Being built.)
*/
#include "report.h"

int report_lkj(Wf *wf, int64_t agency_id, int year, const DocSeal *seal, Buf *pdf, Buf *err)
{
	(void)wf, (void)agency_id, (void)year, (void)seal, (void)pdf;
	buf_printf(err, "LKj: not rendered yet\n");
	return -1;
}

int report_lkj_case(Wf *wf, int64_t case_id, const DocSeal *seal, Buf *pdf, Buf *err)
{
	(void)case_id;
	return report_lkj(wf, 0, 0, seal, pdf, err);
}
