#include "plugin/core/approval.h"
